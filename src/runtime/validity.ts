const isNullish = (v: unknown): boolean => v === null || v === undefined;

/** An Arrow validity bitmap of rows [start, end): bit i set unless the value is missing (by default: null or undefined). */
export function validityBitmap(values: ArrayLike<unknown>, start: number, end: number, isMissing = isNullish): Uint8Array {
  const bits = new Uint8Array((end - start + 7) >> 3);
  for (let i = start; i < end; i++) {
    if (!isMissing(values[i])) bits[(i - start) >> 3]! |= 1 << ((i - start) & 7);
  }
  return bits;
}

export function nullCountOf(values: ArrayLike<unknown>, start: number, end: number): number {
  let nulls = 0;
  for (let i = start; i < end; i++) if (values[i] === null || values[i] === undefined) nulls++;
  return nulls;
}
