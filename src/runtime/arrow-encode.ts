import * as flechette from '@uwdata/flechette';
import { FlinkFrameError } from '../errors.js';
import type { Schema } from '../translate/schema.js';
import { arrowTypeOf, flinkTypeOfArrow } from './arrow-types.js';

/** Arrow IPC stream bytes and the Flink schema they hold. */
export interface EncodedTable {
  ipc: Uint8Array;
  schema: Schema;
  rows: number;
}

const typedArrayTypes: [new (...args: never[]) => ArrayLike<unknown>, string][] = [
  [Float64Array, 'DOUBLE'],
  [Float32Array, 'FLOAT'],
  [Int32Array, 'INT'],
  [Int16Array, 'SMALLINT'],
  [Int8Array, 'TINYINT'],
  [Uint16Array, 'INT'],
  [Uint8Array, 'SMALLINT'],
  [Uint32Array, 'BIGINT'],
  [BigInt64Array, 'BIGINT'],
];

const valueTypes: [(v: unknown) => boolean, string][] = [
  [(v) => typeof v === 'number', 'DOUBLE'],
  [(v) => typeof v === 'string', 'STRING'],
  [(v) => typeof v === 'boolean', 'BOOLEAN'],
  [(v) => v instanceof Date, 'TIMESTAMP(3)'],
  [(v) => typeof v === 'bigint', 'BIGINT'],
  [(v) => Array.isArray(v), 'ARRAY'],
];

/** Arquero reads NaN as missing, like null: in a column of strings, dates... it is a null. */
const isNaNValue = (v: unknown) => typeof v === 'number' && Number.isNaN(v);
const FLOATS = new Set(['DOUBLE', 'FLOAT']);

/** JS numbers are doubles, and Arquero computes with them as doubles: a number column is DOUBLE. */
export function inferFlinkType(name: string, values: ArrayLike<unknown>): string {
  for (const [ctor, type] of typedArrayTypes) if (values instanceof ctor) return type;
  let found: string | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || isNaNValue(v)) continue;
    const type = valueTypes.find(([test]) => test(v))?.[1];
    if (!type) {
      throw new FlinkFrameError(
        `Column "${name}" holds ${typeof v === 'object' ? 'objects' : typeof v} (row ${i}: ${String(v).slice(0, 40)}), ` +
          'which flinkframe cannot send to Flink yet. Use numbers, strings, booleans, Dates, bigints or arrays of them.',
      );
    }
    if (found && found !== type) {
      throw new FlinkFrameError(
        `Column "${name}" mixes ${found} and ${type} values (row ${i}). Make the column one type, e.g. convert with String() or Number().`,
      );
    }
    found = type;
  }
  // an array column: ARRAY of the type of all its elements
  if (found === 'ARRAY') return `ARRAY<${inferFlinkType(name, Array.prototype.flat.call(values, 1) as unknown[])}>`;
  return found ?? 'STRING';
}

/** Typed arrays whose Arrow type flechette infers as the one Flink reads: passed without copying. */
const zeroCopyArrays = [Float64Array, Float32Array, Int32Array, Int16Array, Int8Array, BigInt64Array];

/** Typed arrays go to Arrow as they are; plain arrays through flechette's builders (it handles nulls). */
export function encodeColumns(given: [string, ArrayLike<unknown>][], types: Record<string, string> = {}): EncodedTable {
  const schema = given.map(([name, values]) => ({ name, type: types[name] ?? inferFlinkType(name, values) }));
  const columns = given.map(([name, values], i): [string, ArrayLike<unknown>] =>
    FLOATS.has(schema[i]!.type) || !Array.isArray(values) || !values.some(isNaNValue)
      ? [name, values]
      : [name, values.map((v) => (isNaNValue(v) ? null : v))]);
  // (flechette infers no type from an empty typed array: those get one)
  const zeroCopy = new Set(columns.filter(([name, v]) => !types[name] && v.length > 0 && zeroCopyArrays.some((t) => v instanceof t)).map(([n]) => n));
  // Given a type, flechette copies value by value: only columns that need a conversion get one.
  const arrowTypes = Object.fromEntries(schema.filter((f) => !zeroCopy.has(f.name)).map((f) => [f.name, arrowTypeOf(f.type, f.name)]));
  const table = flechette.tableFromArrays(columns as [string, unknown[]][], { types: arrowTypes });
  return { ipc: flechette.tableToIPC(table, { format: 'stream' })!, schema, rows: table.numRows };
}

/** Arrow IPC bytes made elsewhere (apache-arrow, arquero, flechette): read only the schema. */
export function encodedFromIpc(ipc: Uint8Array): EncodedTable {
  const table = flechette.tableFromIPC(ipc);
  const schema = table.schema.fields.map((f) => ({ name: f.name, type: flinkTypeOfArrow(f.type, f.name) }));
  return { ipc, schema, rows: table.numRows };
}

/** A 0-row Arrow stream with the given columns, for results that produced no file. */
export function emptyIpc(schema: Schema): Uint8Array {
  return encodeColumns(schema.map((f) => [f.name, []]), Object.fromEntries(schema.map((f) => [f.name, f.type]))).ipc;
}
