import { FlinkFrameError } from '../errors.js';
import type { Session } from '../frame/session.js';
import { Table } from '../frame/table.js';
import { defaultSession } from '../index.js';
import { checkDtype, FLINK_TYPE_OF, type DanfoDtype } from './dtypes.js';

export interface DataFrameOptions {
  /** The flinkframe session the frame's data goes to (default: the module-level embedded session). */
  session?: Session;
  /** Column names, for row arrays (Danfo's `columns`). */
  columns?: string[];
  /** Danfo dtypes per column, by name or in column order. */
  dtypes?: Record<string, DanfoDtype> | DanfoDtype[];
  /** A column that stands for Danfo's index (describe() sets it); toDanfo() makes it the index. */
  index?: string;
}

export type FrameData = Table | Record<string, ArrayLike<unknown>> | Record<string, unknown>[] | unknown[][];

/** What Danfo's constructor takes: columns (an object of arrays), row objects, or row arrays with `columns`. */
export function tableOf(data: FrameData, options: DataFrameOptions): Table {
  if (data instanceof Table) return data;
  if (data && typeof (data as { column?: unknown }).column === 'function') {
    throw new FlinkFrameError('DataFrame: this looks like a danfojs DataFrame; convert it with fromDanfo(frame, { session }).');
  }
  const session = options.session ?? defaultSession();
  let columns: Record<string, ArrayLike<unknown>>;
  if (Array.isArray(data)) {
    const rows = data as unknown[];
    if (rows.length && Array.isArray(rows[0])) {
      const names = options.columns ?? (rows[0] as unknown[]).map((_, i) => String(i));
      columns = Object.fromEntries(names.map((n, i) => [n, (rows as unknown[][]).map((r) => r[i] ?? null)]));
    } else {
      const names = options.columns ?? [...new Set((rows as Record<string, unknown>[]).flatMap((r) => Object.keys(r)))];
      columns = Object.fromEntries(names.map((n) => [n, (rows as Record<string, unknown>[]).map((r) => r[n] ?? null)]));
    }
  } else if (data && typeof data === 'object') {
    columns = data as Record<string, ArrayLike<unknown>>;
  } else {
    throw new FlinkFrameError('DataFrame: pass an object of column arrays, an array of row objects, row arrays with { columns }, or a flinkframe Table.');
  }
  const names = Object.keys(columns);
  const dtypes = Array.isArray(options.dtypes) ? Object.fromEntries(names.map((n, i) => [n, options.dtypes![i as never]])) : options.dtypes ?? {};
  const types = Object.fromEntries(
    Object.entries(dtypes).filter(([, d]) => d !== undefined).map(([n, d]) => [n, FLINK_TYPE_OF[checkDtype(d, `DataFrame column "${n}"`)]]),
  );
  return session.table(columns, undefined, { types });
}

