import { FlinkFrameError } from '../../errors.js';
import { createTableDdl } from '../../runtime/ddl.js';
import type { SourceNode } from '../../translate/plan.js';
import type { Schema } from '../../translate/schema.js';
import type { Session } from '../session.js';
import { watermarkClause, type WatermarkOption } from './streaming-options.js';

/** How Flink's datagen fills a column: random values (default) or a sequence start..end. */
export interface DatagenField {
  type: string;
  kind?: 'random' | 'sequence';
  min?: number;
  max?: number;
  start?: number;
  end?: number;
  /** Length of random strings. */
  length?: number;
}

export interface DatagenOptions {
  /** Column name → Flink SQL type, or a DatagenField. */
  columns: Record<string, string | DatagenField>;
  /** Rows per second per source (default 10000). */
  rowsPerSecond?: number;
  /** Stop after this many rows; without it (and without sequences) the source never ends. */
  rows?: number;
  watermark?: WatermarkOption;
}

/** Flink's datagen connector: generated rows, bounded by `rows` or sequences, else unbounded. */
export function datagenSource(session: Session, options: DatagenOptions): SourceNode {
  const fields = Object.entries(options.columns).map(([name, f]) => [name, typeof f === 'string' ? { type: f } : f] as const);
  if (!fields.length) throw new FlinkFrameError('datagen: give at least one column, e.g. { columns: { id: "BIGINT" } }.');
  const schema: Schema = fields.map(([name, f]) => ({ name, type: f.type }));
  const with_: Record<string, string> = { connector: 'datagen', 'rows-per-second': String(options.rowsPerSecond ?? 10000) };
  if (options.rows !== undefined) with_['number-of-rows'] = String(options.rows);
  for (const [name, f] of fields) {
    const set = (key: string, value: number | string | undefined) => {
      if (value !== undefined) with_[`fields.${name}.${key}`] = String(value);
    };
    set('kind', f.kind);
    set('min', f.min);
    set('max', f.max);
    set('start', f.start);
    set('end', f.end);
    set('length', f.length);
  }
  const watermark = options.watermark && watermarkClause(schema, options.watermark, 'datagen');
  const bounded = options.rows !== undefined || fields.some(([, f]) => f.kind === 'sequence');
  const table = session.sourceName('datagen');
  return {
    kind: 'source',
    table,
    schema,
    label: `datagen(${fields.map(([n]) => n).join(', ')})`,
    unbounded: !bounded,
    register: () => session.engine.execute(createTableDdl(table, schema, with_, watermark)),
  };
}
