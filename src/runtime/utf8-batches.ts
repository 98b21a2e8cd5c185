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
 * Strings are joined a group at a time and the group written with one Buffer.write: for ASCII text the copying
 * then happens in native code. A group holds up to this many strings or characters, so that the joined text
 * stays in V8's young generation (a big one lands in the large-object space, whose growth triggers full
 * collections that walk every string of the table).
 */
const GROUP_VALUES = 4096;
const GROUP_CHARS = 1 << 16;

/**
 * A group that is not all ASCII is written again value by value (each needs its own offset), and so is the rest
 * of its batch: text that is not ASCII in one place seldom turns ASCII further on. There, values up to this many
 * UTF-16 code units are copied a code unit at a time while they are ASCII; the others go through Buffer's UTF-8
 * writer, whose per-call cost only pays off on longer strings.
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
  const group: string[] = new Array(Math.min(GROUP_VALUES, n));
  for (let lo = 0; lo < n;) {
    // the group: strings lo..hi-1, with the offsets they have if they are ASCII
    let hi = lo;
    let chars = 0;
    let nulls = 0;
    for (; hi < n && hi - lo < GROUP_VALUES && chars < GROUP_CHARS; hi++) {
      const v = values[start + hi];
      const s = typeof v === 'string' ? v : isMissing(v) ? (nulls++, '') : String(v);
      group[hi - lo] = s;
      chars += s.length;
      offsets[hi + 1] = at + chars;
    }
    if (group.length !== hi - lo) group.length = hi - lo; // a short group: the last, or one of long strings
    const out = scratch.room(at, 3 * chars); // at most 3 bytes per UTF-16 code unit (a lone surrogate)
    if (out.write(group.join(''), at, 'utf8') !== chars) {
      const rest = writeEach(values, start + lo, start + n, scratch, at, offsets.subarray(lo));
      return result(values, start, end, offsets, scratch.bytes.subarray(0, rest.at), nullCount + rest.nulls);
    }
    at += chars;
    nullCount += nulls;
    lo = hi;
  }
  return result(values, start, end, offsets, scratch.bytes.subarray(0, at), nullCount);
}

function result(values: ArrayLike<unknown>, start: number, end: number, offsets: Int32Array, bytes: Uint8Array, nullCount: number): Utf8Buffers {
  const validity = nullCount ? validityBitmap(values, start, end, isMissing) : new Uint8Array(0);
  return { offsets, values: bytes, validity, nullCount };
}

/**
 * Writes values [from, to) one by one into `scratch` from `at`, setting offsets[1…] (offsets[0] is `at`); returns
 * where the bytes end and how many values were missing.
 */
function writeEach(values: ArrayLike<unknown>, from: number, to: number, scratch: Utf8Scratch, at: number, offsets: Int32Array) {
  let nulls = 0;
  let out: Buffer = scratch.bytes;
  for (let i = from; i < to; i++) {
    const v = values[i];
    const s = typeof v === 'string' ? v : isMissing(v) ? (nulls++, '') : String(v);
    const length = s.length;
    if (at + 3 * length > out.length) out = scratch.room(at, 3 * length);
    let copied = 0;
    if (length <= COPIED) {
      for (; copied < length; copied++) {
        const code = s.charCodeAt(copied);
        if (code > 0x7f) break;
        out[at + copied] = code;
      }
    }
    at += copied === length ? length : out.write(s, at, 'utf8');
    offsets[i - from + 1] = at;
  }
  return { at, nulls };
}

const isMissing = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && v !== v);
