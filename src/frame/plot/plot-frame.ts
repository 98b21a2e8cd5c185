import { FlinkFrameError } from '../../errors.js';
import type { Table } from '../table.js';
import type { VegaLiteSpec } from './chart-specs.js';
import { Plot } from './plot.js';
import { renderSvg } from './render-svg.js';

export interface PlotOptions {
  /** The most rows a chart takes (they travel into the SVG). Default 5000: aggregate bigger frames first. */
  maxRows?: number;
}

/** Vega reads dates and plain numbers; Flink's BIGINTs may arrive as bigint. */
function plain(value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** Runs the frame, puts its rows into the spec as inline data and renders the chart. */
export async function plotFrame(table: Table, spec: VegaLiteSpec, options: PlotOptions = {}): Promise<Plot> {
  checkFields(table, spec);
  const maxRows = options.maxRows ?? 5000;
  const rows = await table.objects({ limit: maxRows + 1 });
  if (rows.length > maxRows) {
    throw new FlinkFrameError(
      `plot(): the frame has more than ${maxRows} rows, too many to draw. Aggregate it first ` +
        `(groupby(...).rollup(...) or sample(n)), or raise the cap with plot(spec, { maxRows }).`,
    );
  }
  const values = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
  const full: VegaLiteSpec = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...spec, data: { values } };
  try {
    return new Plot(full, await renderSvg(full));
  } catch (e) {
    throw new FlinkFrameError(`plot(): Vega-Lite could not render the spec: ${(e as Error).message}`, { cause: e });
  }
}

/** A spec naming a column the frame lacks would draw an empty chart without a word: refuse it instead. */
function checkFields(table: Table, spec: VegaLiteSpec): void {
  const names = new Set(table.schema().map((f) => f.name));
  const encoding = (spec.encoding ?? {}) as Record<string, { field?: unknown }>;
  for (const [channel, definition] of Object.entries(encoding)) {
    const field = definition?.field;
    if (typeof field === 'string' && !names.has(field)) {
      throw new FlinkFrameError(
        `plot(): the ${channel} encoding names column "${field}", which the frame does not have; its columns are ${[...names].join(', ')}.`,
      );
    }
  }
}
