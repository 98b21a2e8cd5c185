import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { FlinkFrameError } from '../../errors.js';
import { notebookDisplay } from '../display/notebook.js';
import type { VegaLiteSpec } from './chart-specs.js';

/** A rendered chart: the Vega-Lite spec with the frame's rows, and its SVG. */
export class Plot {
  constructor(readonly spec: VegaLiteSpec, readonly svg: string) {}

  /** Writes the SVG (`.svg`), the spec with its data (`.json`, `.vl.json`) or a page showing the SVG (`.html`). */
  write(path: string): void {
    const ext = extname(path).toLowerCase();
    const text =
      ext === '.svg' ? this.svg
      : ext === '.json' ? JSON.stringify(this.spec, null, 2)
      : ext === '.html' ? `<!doctype html><meta charset="utf-8"><body>${this.svg}</body>\n`
      : undefined;
    if (text === undefined) {
      throw new FlinkFrameError(`Plot.write("${path}"): unknown file type "${ext}"; use .svg, .json or .html.`);
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }

  /** Shows the chart in a tslab notebook; elsewhere says where it could go instead. */
  display(): void {
    const notebook = notebookDisplay() as (ReturnType<typeof notebookDisplay> & { svg?(s: string): void }) | undefined;
    if (notebook?.svg) notebook.svg(this.svg);
    else if (notebook) notebook.html(this.svg);
    else console.log(`${this} (not in a notebook: use plot.write('chart.svg'))`);
  }

  toString(): string {
    const values = (this.spec.data as { values?: unknown[] } | undefined)?.values;
    return `flinkframe Plot (${String(this.spec.mark && typeof this.spec.mark === 'object' ? (this.spec.mark as { type: string }).type : this.spec.mark)}, ${values?.length ?? 0} rows, ${this.svg.length} bytes of SVG)`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
