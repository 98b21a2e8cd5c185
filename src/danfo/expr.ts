/**
 * Series are Arquero string expressions over the row `d` (`(d["x"] > 3)`), so everything a Series builds goes
 * through flinkframe's one translator (src/translate) and becomes Flink SQL: no second expression language.
 */
import { FlinkFrameError } from '../errors.js';

/** A column read: `d["name"]` (any name, quoted as a JS string). */
export const columnRef = (name: string) => `d[${JSON.stringify(name)}]`;

/** A JS literal as expression text. */
export function literal(value: unknown, where: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : '-Infinity';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw new FlinkFrameError(
      `${where}: an array pairs its values with rows by position, and a flinkframe DataFrame has no row positions ` +
        '(Flink reads and computes rows in parallel, in no order). Put the values in a column of their own frame and merge on a key.',
    );
  }
  throw new FlinkFrameError(`${where}: ${typeof value} values are not supported; use a number, string, boolean, null or a Series.`);
}
