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
      const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.bytes.length, keep + size));
      this.bytes.copy(grown, 0, 0, keep);
      this.bytes = grown;
    }
    return this.bytes;
  }
}

/**
 * Strings joined per write: one Buffer.write of a few thousand joined strings is ~10× faster than a write per
 * value, and the joined text stays small enough for V8's young generation (a big one is allocated in the large
 * object space, whose growth triggers full collections that walk every string of the table).
 */
const JOINED = 4096;

/**
 * Rows [start, end) of a string column as Arrow UTF-8 buffers, in `scratch`'s buffers (views: valid until its
 * next batch) or fresh ones. A joined group is written at once with offsets taken from the strings' lengths; the
 * byte count tells whether it was all ASCII (any other UTF-16 code unit takes more than one UTF-8 byte), and if
 * not, its values are written again one by one, so that each gets its own offset.
 */
export function utf8Batch(values: ArrayLike<unknown>, start: number, end: number, scratch = new Utf8Scratch()): Utf8Buffers {
  const n = end - start;
  if (scratch.offsets.length < n + 1) scratch.offsets = new Int32Array(n + 1);
  const offsets = scratch.offsets.subarray(0, n + 1);
  offsets[0] = 0;
  let nullCount = 0;
  let at = 0;
  const group: string[] = new Array(Math.min(JOINED, n));
  for (let lo = 0; lo < n; lo += JOINED) {
    const hi = Math.min(n, lo + JOINED);
    let groupChars = 0;
    for (let i = lo; i < hi; i++) {
      const v = values[start + i];
      let s: string;
      if (typeof v === 'string') s = v;
      else if (v === null || v === undefined) {
        s = '';
        nullCount++;
      } else s = String(v);
      group[i - lo] = s;
      groupChars += s.length;
      offsets[i + 1] = at + groupChars; // right when the group is ASCII
    }
    group.length = hi - lo;
    const joined = group.join('');
    const out = scratch.room(at, 3 * groupChars); // at most 3 bytes per UTF-16 code unit (a lone surrogate)
    const written = out.write(joined, at, 'utf8');
    if (written === groupChars) {
      at += groupChars;
      continue;
    }
    for (let i = lo; i < hi; i++) {
      at += out.write(group[i - lo]!, at, 'utf8');
      offsets[i + 1] = at;
    }
  }
  const validity = nullCount ? validityBitmap(values, start, end) : new Uint8Array(0);
  return { offsets, values: scratch.bytes.subarray(0, at), validity, nullCount };
}
