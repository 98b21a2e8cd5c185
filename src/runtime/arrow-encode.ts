import * as flechette from '@uwdata/flechette';
import { FlinkFrameError } from '../errors.js';
import type { Schema } from '../translate/schema.js';
import { columnBatchesFor } from './arrow-batches.js';
import { arrowTypeOf, flinkTypeOfArrow } from './arrow-types.js';
import { columnsAsArrays, hasFixedSizeLists } from './arrow-fixed-lists.js';
import { encodeObjectColumns } from './object-values.js';

/** Arrow IPC stream bytes and the Flink schema they hold. */
export interface EncodedTable {
  /** The IPC stream, in the order its pieces are written. */
  chunks: Uint8Array[];
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
  let foundTypeof: string | undefined; // the typeof of the values seen so far: most columns skip the lookup
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || isNaNValue(v)) continue;
    if (typeof v === foundTypeof && foundTypeof !== 'object') continue;
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
    foundTypeof = typeof v;
  }
  // an array column: ARRAY of the type of all its elements
  if (found === 'ARRAY') return `ARRAY<${inferFlinkType(name, Array.prototype.flat.call(values, 1) as unknown[])}>`;
  return found ?? 'STRING';
}

/**
 * Rows per Arrow record batch: Flink's reader takes one batch at a time, and a batch's strings are joined into
 * one JS string while they are encoded, so batches stay a few MB.
 */
export const BATCH_ROWS = 1 << 16;

/**
 * Columns to Arrow IPC stream chunks. Each column's buffers are written directly (see arrow-batches.ts); the
 * stream is kept as the list of flechette's message and body chunks, written to the source file one after another
 * without joining them into one buffer first. NaN in a non-float column is a missing value (Arquero's reading).
 */
export function encodeColumns(givenColumns: [string, ArrayLike<unknown>][], columnTypes: Record<string, string> = {}, batchRows = BATCH_ROWS): EncodedTable {
  const { given, types } = encodeObjectColumns(givenColumns, columnTypes); // objects and RegExps: object-values.ts
  const schema = given.map(([name, values]) => ({ name, type: types[name] ?? inferFlinkType(name, values) }));
  const columns = given.map(([name, values], i): [string, ArrayLike<unknown>] =>
    FLOATS.has(schema[i]!.type) || !Array.isArray(values) || !values.some(isNaNValue)
      ? [name, values]
      : [name, values.map((v) => (isNaNValue(v) ? null : v))]);
  const rows = columns[0]?.[1].length ?? 0;
  const built = columns.map(([name, values], i) => {
    const type = arrowTypeOf(schema[i]!.type, name);
    return [name, new flechette.Column(columnBatchesFor(type, values)(values, type, batchRows), type)] as [string, flechette.Column<unknown>];
  });
  const chunks: Uint8Array[] = [];
  const sink = { write: (b: Uint8Array) => void chunks.push(b), pad: (n: number) => void chunks.push(new Uint8Array(n)), finish: () => null };
  flechette.tableToIPC(flechette.tableFromColumns(built), { format: 'stream', sink } as Parameters<typeof flechette.tableToIPC>[1]);
  return { chunks, schema, rows };
}

/** Arrow IPC bytes made elsewhere (apache-arrow, arquero, flechette): read only the schema. */
export function encodedFromIpc(ipc: Uint8Array): EncodedTable {
  const table = flechette.tableFromIPC(ipc);
  const schema = table.schema.fields.map((f) => ({ name: f.name, type: flinkTypeOfArrow(f.type, f.name) }));
  if (hasFixedSizeLists(table)) return encodeColumns(columnsAsArrays(table), Object.fromEntries(schema.map((f) => [f.name, f.type])));
  return { chunks: [ipc], schema, rows: table.numRows };
}

/** A 0-row Arrow stream with the given columns, for results that produced no file. */
export function emptyIpc(schema: Schema): Uint8Array {
  return Buffer.concat(encodeColumns(schema.map((f) => [f.name, []]), Object.fromEntries(schema.map((f) => [f.name, f.type]))).chunks);
}
