import * as flechette from '@uwdata/flechette';
import { Utf8Scratch, utf8Batch } from './utf8-batches.js';
import { nullCountOf, validityBitmap } from './validity.js';

type NumberArray = Float64Array | Float32Array | Int32Array | Int16Array | Int8Array;
type NumberArrayType = new (length: number | ArrayLike<number>) => NumberArray;

/** The Arrow types whose buffers are written here without flechette's per-value builders: one typed array each. */
const numberArrays: [(t: flechette.DataType) => boolean, NumberArrayType][] = [
  [(t) => t.typeId === flechette.Type.Float && t.precision === flechette.Precision.DOUBLE, Float64Array],
  [(t) => t.typeId === flechette.Type.Float && t.precision === flechette.Precision.SINGLE, Float32Array],
  [(t) => t.typeId === flechette.Type.Int && t.signed && t.bitWidth === 32, Int32Array],
  [(t) => t.typeId === flechette.Type.Int && t.signed && t.bitWidth === 16, Int16Array],
  [(t) => t.typeId === flechette.Type.Int && t.signed && t.bitWidth === 8, Int8Array],
];

const isTypedArray = (v: unknown): v is NumberArray | BigInt64Array => ArrayBuffer.isView(v) && !(v instanceof DataView);

/**
 * Makes the record batch of rows [start, end) of one column. The batch may be a view of the column's own memory
 * (a typed array of the column's type): it is written out before the caller's code runs again.
 */
export type ColumnBatch = (values: ArrayLike<unknown>, type: flechette.DataType, start: number, end: number) => flechette.Batch<unknown>;

const NO_NULLS = new Uint8Array(0);

function batchOf(type: flechette.DataType, parts: { length: number; nullCount: number; validity: Uint8Array; values: unknown; offsets?: Int32Array }) {
  const Batch = flechette.batchType(type) as unknown as new (o: object) => flechette.Batch<unknown>;
  return new Batch({ type, ...parts });
}

/** Strings: UTF-8 bytes and offsets written straight into buffers, the same ones for each of a column's batches. */
function utf8Batches(): ColumnBatch {
  const scratch = new Utf8Scratch();
  return (values, type, start, end) => {
    const { offsets, values: bytes, validity, nullCount } = utf8Batch(values, start, end, scratch);
    return batchOf(type, { length: end - start, nullCount, validity, values: bytes, offsets });
  };
}

/**
 * Numbers: a typed array of the column's own type is passed as a view (no copy: the bytes go to the file
 * before anything can change them); other typed arrays are converted by the typed-array constructor; plain
 * arrays value by value.
 */
function numberBatches(ArrayType: NumberArrayType): ColumnBatch {
  return (values, type, start, end) => {
    const length = end - start;
    if (values instanceof ArrayType) return batchOf(type, { length, nullCount: 0, validity: NO_NULLS, values: values.subarray(start, end) });
    if (isTypedArray(values) && !(values instanceof BigInt64Array) && !(values instanceof BigUint64Array)) {
      return batchOf(type, { length, nullCount: 0, validity: NO_NULLS, values: new ArrayType(values.subarray(start, end) as ArrayLike<number>) });
    }
    const out = new ArrayType(length);
    for (let i = 0; i < length; i++) {
      const v = values[start + i];
      if (v !== null && v !== undefined) out[i] = v as number;
    }
    const nullCount = nullCountOf(values, start, end);
    return batchOf(type, { length, nullCount, validity: nullCount ? validityBitmap(values, start, end) : NO_NULLS, values: out });
  };
}

/** Everything else (booleans, bigints, dates, timestamps, decimals, bytes, lists) through flechette's builders. */
const builtBatches: ColumnBatch = (values, type, start, end) => {
  const rows = Array.prototype.slice.call(values, start, end) as unknown[];
  const [batch, ...more] = flechette.columnFromArray(rows, type, { maxBatchRows: Math.max(1, end - start) }).data;
  if (more.length || !batch) throw new Error(`flinkframe: expected one Arrow batch for rows ${start}–${end}`);
  return batch as flechette.Batch<unknown>;
};

/** A BigInt64Array for a BIGINT column: a view, like the number arrays. */
const int64Batches: ColumnBatch = (values, type, start, end) =>
  batchOf(type, { length: end - start, nullCount: 0, validity: NO_NULLS, values: (values as BigInt64Array).subarray(start, end) });

export function columnBatchFor(type: flechette.DataType, values: ArrayLike<unknown>): ColumnBatch {
  if (type.typeId === flechette.Type.Utf8) return utf8Batches();
  if (type.typeId === flechette.Type.Int && type.bitWidth === 64 && type.signed && values instanceof BigInt64Array) return int64Batches;
  const numbers = numberArrays.find(([matches]) => matches(type))?.[1];
  if (numbers && !(values instanceof BigInt64Array) && !(values instanceof BigUint64Array)) return numberBatches(numbers);
  return builtBatches;
}
