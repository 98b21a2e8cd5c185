// The in-memory columns the data-plane benchmarks read: doubles, ints and strings, seeded, so every run sees the same.
import { random } from './seeded-random.js';

/** Arrow bytes per row of sampleColumns: x, y (float64), k (int32), s (int32 offset + 10 ASCII chars). */
export const BYTES_PER_ROW = 8 + 8 + 4 + 4 + 10;

/** Doubles, ints and strings: the columns a data scientist's frame is made of. */
export function sampleColumns(rows: number) {
  const next = random(7);
  const x = new Float64Array(rows), y = new Float64Array(rows), k = new Int32Array(rows);
  const s: string[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    x[i] = next() * 1000;
    y[i] = next() - 0.5;
    k[i] = (next() * 1e6) | 0;
    s[i] = `item-${String(i % 100_000).padStart(5, '0')}`; // 10 chars
  }
  return { x, y, k, s };
}

/** The Arrow body bytes of these columns: values, plus offsets and UTF-8 bytes for strings (no nulls here). */
export function arrowBytes(cols: ReturnType<typeof sampleColumns>): number {
  let chars = 0;
  for (const v of cols.s) chars += v.length;
  return cols.x.byteLength + cols.y.byteLength + cols.k.byteLength + 4 * (cols.s.length + 1) + chars;
}
