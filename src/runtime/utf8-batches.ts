import { validityBitmap } from './validity.js';

/** One record batch's string column as Arrow buffers: int32 offsets, UTF-8 bytes, validity (empty without nulls). */
export interface Utf8Buffers {
  offsets: Int32Array;
  values: Uint8Array;
  validity: Uint8Array;
  nullCount: number;
}

/**
 * Buffers one column's batches are written into, reused from batch to batch: a batch's bytes are written out
 * before the next batch is made, and reuse keeps a table's worth of buffers from piling up for the collector.
 */
export class Utf8Scratch {
  bytes = Buffer.allocUnsafeSlow(0);
  offsets = new Int32Array(0);

  /** At least `size` bytes from `keep` on, the first `keep` bytes kept. */
  room(keep: number, size: number): Buffer {
    if (this.bytes.length < keep + size) {
      const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.bytes.length, keep + size, 1 << 16));
      this.bytes.copy(grown, 0, 0, keep);
      this.bytes = grown;
    }
    return this.bytes;
  }
}

/**
 * Strings up to this many UTF-16 code units are copied a code unit at a time while they are ASCII (a byte each);
 * longer ones, and any that is not ASCII, go through Buffer's UTF-8 writer, whose per-call cost only pays off on
 * longer strings. The writer before this one joined a few thousand strings per write: ~10% faster on short ASCII
 * strings, but 2–6× slower on long or non-ASCII ones (bench/string-encoding.ts).
 */
const COPIED = 24;

/**
 * Rows [start, end) of a string column as Arrow UTF-8 buffers, in `scratch`'s buffers (views: valid until its
 * next batch) or fresh ones. null, undefined and NaN are missing values (Arquero reads NaN as missing); other
 * non-strings are written as String(value).
 */
export function utf8Batch(values: ArrayLike<unknown>, start: number, end: number, scratch = new Utf8Scratch()): Utf8Buffers {
  const n = end - start;
  if (scratch.offsets.length < n + 1) scratch.offsets = new Int32Array(n + 1);
  const offsets = scratch.offsets.subarray(0, n + 1);
  offsets[0] = 0;
  let nullCount = 0;
  let at = 0;
  let out = scratch.bytes;
  for (let i = 0; i < n; i++) {
    const v = values[start + i];
    let s: string;
    if (typeof v === 'string') s = v;
    else if (isMissing(v)) {
      nullCount++;
      offsets[i + 1] = at;
      continue;
    } else s = String(v);
    const length = s.length;
    if (at + 3 * length > out.length) out = scratch.room(at, 3 * length); // at most 3 bytes per code unit (a lone surrogate)
    let copied = 0;
    if (length <= COPIED) {
      for (; copied < length; copied++) {
        const code = s.charCodeAt(copied);
        if (code > 0x7f) break;
        out[at + copied] = code;
      }
    }
    at += copied === length ? length : out.write(s, at, 'utf8');
    offsets[i + 1] = at;
  }
  const validity = nullCount ? validityBitmap(values, start, end, isMissing) : new Uint8Array(0);
  return { offsets, values: out.subarray(0, at), validity, nullCount };
}

const isMissing = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && v !== v);
