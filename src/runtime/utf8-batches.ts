import { validityBitmap } from './validity.js';

/** One record batch's string column as Arrow buffers: int32 offsets, UTF-8 bytes, validity (empty without nulls). */
export interface Utf8Buffers {
  offsets: Int32Array;
  values: Uint8Array;
  validity: Uint8Array;
  nullCount: number;
}

/**
 * Rows [start, end) of a string column as Arrow UTF-8 buffers. Joining the batch's strings and writing them with
 * one Buffer.write is ~10× faster than a write per value; it is exact when every string is ASCII, which the byte
 * count tells (UTF-8 is longer than UTF-16 for any other code unit). Otherwise each value is written on its own.
 */
export function utf8Batch(values: ArrayLike<unknown>, start: number, end: number): Utf8Buffers {
  const n = end - start;
  const offsets = new Int32Array(n + 1);
  const strings: string[] = new Array(n);
  let nullCount = 0;
  let chars = 0;
  for (let i = 0; i < n; i++) {
    const v = values[start + i];
    if (v === null || v === undefined) {
      nullCount++;
      strings[i] = '';
    } else {
      const s = typeof v === 'string' ? v : String(v);
      strings[i] = s;
      chars += s.length;
    }
    offsets[i + 1] = chars;
  }
  const validity = nullCount ? validityBitmap(values, start, end) : new Uint8Array(0);
  if (!chars) return { offsets, values: new Uint8Array(0), validity, nullCount };
  const joined = strings.join('');
  const bytes = Buffer.byteLength(joined, 'utf8');
  if (bytes === chars) {
    const ascii = Buffer.allocUnsafeSlow(chars);
    ascii.write(joined, 0, chars, 'latin1');
    return { offsets, values: ascii, validity, nullCount };
  }
  return { ...unicodeBatch(strings, chars), validity, nullCount };
}

/** Each string written on its own: their byte lengths differ from their lengths. */
function unicodeBatch(strings: string[], chars: number): { offsets: Int32Array; values: Uint8Array } {
  const offsets = new Int32Array(strings.length + 1);
  const out = Buffer.allocUnsafeSlow(3 * chars); // at most 3 bytes per UTF-16 code unit (a lone surrogate)
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    at += out.write(strings[i]!, at, 'utf8');
    offsets[i + 1] = at;
  }
  return { offsets, values: Uint8Array.prototype.slice.call(out, 0, at) };
}
