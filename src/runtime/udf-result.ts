/**
 * A UDF's return value → one Arrow vector of its declared type, checked value by value: a result of the wrong
 * length or type is reported for the batch (with the row index) instead of reaching Flink as garbage.
 */
import { Bool, Float32, Float64, Int16, Int32, Int64, Int8, makeVector, Utf8, vectorFromArray, type DataType, type Vector } from 'apache-arrow';

type Check = (v: unknown) => unknown;

const isNumber = (v: unknown) => typeof v === 'number' || typeof v === 'bigint';
const integer = (bits: number) => (v: unknown) => {
  if (!isNumber(v) || (typeof v === 'number' && !Number.isInteger(v))) throw new TypeError(`expected an integer, got ${describe(v)}`);
  const n = Number(v);
  if (Math.abs(n) >= 2 ** (bits - 1)) throw new TypeError(`${n} does not fit in ${bits} bits`);
  return n;
};

/** Each Flink SQL type a UDF may return: its Arrow type, and how to check and convert one JS value. */
const RESULT_TYPES: Record<string, { arrow: () => DataType; check: Check; typed?: Function }> = {
  BIGINT: {
    arrow: () => new Int64(),
    check: (v) => {
      if (typeof v === 'bigint') return v;
      if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
      throw new TypeError(`expected an integer, got ${describe(v)}`);
    },
    typed: BigInt64Array,
  },
  INT: { arrow: () => new Int32(), check: integer(32), typed: Int32Array },
  SMALLINT: { arrow: () => new Int16(), check: integer(16), typed: Int16Array },
  TINYINT: { arrow: () => new Int8(), check: integer(8), typed: Int8Array },
  DOUBLE: { arrow: () => new Float64(), check: numberCheck, typed: Float64Array },
  FLOAT: { arrow: () => new Float32(), check: numberCheck, typed: Float32Array },
  BOOLEAN: {
    arrow: () => new Bool(),
    check: (v) => {
      if (typeof v !== 'boolean') throw new TypeError(`expected a boolean, got ${describe(v)}`);
      return v;
    },
  },
  STRING: {
    arrow: () => new Utf8(),
    check: (v) => {
      if (typeof v !== 'string') throw new TypeError(`expected a string, got ${describe(v)}`);
      return v;
    },
  },
};

function numberCheck(v: unknown): number {
  if (!isNumber(v)) throw new TypeError(`expected a number, got ${describe(v)}`);
  return Number(v);
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v);
  if (typeof v === 'object' && v !== null) return v.constructor?.name ?? 'an object';
  return `${typeof v} ${String(v)}`;
}

/** The key of RESULT_TYPES for a Flink SQL type string, or undefined if JS UDFs cannot return it yet. */
export function resultTypeKey(returns: string): string | undefined {
  const t = returns.trim().toUpperCase().replace(/\s+NOT\s+NULL$/, '');
  if (t === 'INTEGER') return 'INT';
  if (t === 'STRING' || /^(VAR)?CHAR(\s*\(\s*\d+\s*\))?$/.test(t)) return 'STRING';
  return Object.hasOwn(RESULT_TYPES, t) ? t : undefined;
}

export const SUPPORTED_RESULT_TYPES = Object.keys(RESULT_TYPES);

/** Thrown with the row index when one returned value is wrong. */
export class BadResult extends Error {
  constructor(message: string, readonly row?: number) {
    super(message);
  }
}

export function resultVector(values: unknown, rows: number, returns: string): Vector {
  const type = RESULT_TYPES[resultTypeKey(returns)!];
  if (values === null || typeof values !== 'object' || typeof (values as ArrayLike<unknown>).length !== 'number') {
    throw new BadResult(`returned ${describe(values)}; a vectorized UDF must return an array or typed array with one value per row`);
  }
  const array = values as ArrayLike<unknown>;
  if (array.length !== rows) throw new BadResult(`returned ${array.length} values for a batch of ${rows} rows; a UDF must return one value per row`);
  // the fast path: a typed array of exactly the declared type becomes the vector without copying
  if (type.typed && array instanceof type.typed) return makeVector(array as unknown as Float64Array);
  const checked = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = (array as { [i: number]: unknown })[i];
    if (v === null || v === undefined) {
      checked[i] = null;
      continue;
    }
    try {
      checked[i] = type.check(v);
    } catch (e) {
      throw new BadResult(`returned a wrong value for row ${i} of the batch: ${(e as Error).message} (returns: '${returns}')`, i);
    }
  }
  return vectorFromArray(checked, type.arrow());
}
