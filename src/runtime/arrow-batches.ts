import * as flechette from '@uwdata/flechette';
import { utf8Batch } from './utf8-batches.js';
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

/** Makes the record batches of one column, `batchRows` rows each (the last one shorter). */
export type ColumnBatches = (values: ArrayLike<unknown>, type: flechette.DataType, batchRows: number) => flechette.Batch<unknown>[];

function eachBatch<T>(rows: number, batchRows: number, make: (start: number, end: number) => T): T[] {
  const out: T[] = [];
  for (let start = 0; start < rows; start += batchRows) out.push(make(start, Math.min(rows, start + batchRows)));
  return out;
}

function batchOf(type: flechette.DataType, parts: { length: number; nullCount: number; validity: Uint8Array; values: unknown; offsets?: Int32Array }) {
  const Batch = flechette.batchType(type) as unknown as new (o: object) => flechette.Batch<unknown>;
  return new Batch({ type, ...parts });
}

/** Strings: UTF-8 bytes and offsets written straight into buffers. */
const utf8Batches: ColumnBatches = (values, type, batchRows) =>
  eachBatch(values.length, batchRows, (start, end) => {
    const { offsets, values: bytes, validity, nullCount } = utf8Batch(values, start, end);
    return batchOf(type, { length: end - start, nullCount, validity, values: bytes, offsets });
  });

/**
 * Numbers: a typed array of the column's own type is copied as a block (the caller may change it before Flink
 * reads the table); other typed arrays are converted by the typed-array constructor; plain arrays value by value.
 */
function numberBatches(ArrayType: NumberArrayType): ColumnBatches {
  return (values, type, batchRows) =>
    eachBatch(values.length, batchRows, (start, end) => {
      const length = end - start;
      if (values instanceof ArrayType) return batchOf(type, { length, nullCount: 0, validity: new Uint8Array(0), values: values.slice(start, end) });
      if (isTypedArray(values) && !(values instanceof BigInt64Array) && !(values instanceof BigUint64Array)) {
        return batchOf(type, { length, nullCount: 0, validity: new Uint8Array(0), values: new ArrayType(values.subarray(start, end) as ArrayLike<number>) });
      }
      const out = new ArrayType(length);
      for (let i = 0; i < length; i++) {
        const v = values[start + i];
        if (v !== null && v !== undefined) out[i] = v as number;
      }
      const nullCount = nullCountOf(values, start, end);
      return batchOf(type, { length, nullCount, validity: nullCount ? validityBitmap(values, start, end) : new Uint8Array(0), values: out });
    });
}

/** Everything else (booleans, bigints, dates, timestamps, decimals, bytes) through flechette's builders. */
const builtBatches: ColumnBatches = (values, type, batchRows) =>
  flechette.columnFromArray(values as unknown[], type, { maxBatchRows: batchRows }).data as flechette.Batch<unknown>[];

/** A BigInt64Array for a BIGINT column: copied as a block. */
const int64Batches: ColumnBatches = (values, type, batchRows) =>
  eachBatch(values.length, batchRows, (start, end) =>
    batchOf(type, { length: end - start, nullCount: 0, validity: new Uint8Array(0), values: (values as BigInt64Array).slice(start, end) }));

export function columnBatchesFor(type: flechette.DataType, values: ArrayLike<unknown>): ColumnBatches {
  if (type.typeId === flechette.Type.Utf8) return utf8Batches;
  if (type.typeId === flechette.Type.Int && type.bitWidth === 64 && type.signed && values instanceof BigInt64Array) return int64Batches;
  const numbers = numberArrays.find(([matches]) => matches(type))?.[1];
  if (numbers && !(values instanceof BigInt64Array) && !(values instanceof BigUint64Array)) return numberBatches(numbers);
  return builtBatches;
}
