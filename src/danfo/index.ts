/**
 * Danfo.js names over flinkframe: `import { danfo } from 'flinkframe'`, then `danfo.readCSV(path)`,
 * `new danfo.DataFrame({...})`, `danfo.merge({...})`, `danfo.concat({...})`, `await df.toDanfo()`.
 * Everything is lazy but the materializers (print, values, shape, toDanfo, toCSV), which are async.
 * docs/danfo.md maps Danfo's API and lists where the results differ.
 */
import type { LoadCSVOptions } from '../frame/sources/csv-file.js';
import type { Session } from '../frame/session.js';
import { defaultSession } from '../index.js';
import { DataFrame } from './frame.js';

export { DataFrame, type DataFrameOptions } from './frame.js';
export { Series, type Operand } from './series.js';
export { StrMethods } from './str.js';
export { GroupBy } from './groupby.js';
export { merge, concat, type MergeHow } from './combine.js';
export { fromDanfo } from './convert.js';
export type { DanfoDtype } from './dtypes.js';
export type { ApplyOptions } from './udf-call.js';

/** A CSV file as a lazy DataFrame (Flink reads it when a job runs). Sync, but `await readCSV(...)` works as in Danfo. */
export function readCSV(path: string, options: LoadCSVOptions & { session?: Session } = {}): DataFrame {
  const { session, ...load } = options;
  return new DataFrame((session ?? defaultSession()).loadCSV(path, load));
}

/** Danfo's toCSV(df, { filePath }): writes the file with Flink, or returns the CSV text without a path. */
export function toCSV(frame: DataFrame, options: { filePath?: string; sep?: string; header?: boolean } = {}): Promise<string | void> {
  return frame.toCSV(options.filePath, { delimiter: options.sep, header: options.header });
}

/** Danfo's toJSON-free way out: the result as a danfojs-node DataFrame. */
export function toDanfo(frame: DataFrame): Promise<unknown> {
  return frame.toDanfo();
}
