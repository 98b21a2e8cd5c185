import * as flechette from '@uwdata/flechette';
import { FlinkFrameError } from '../errors.js';
import type { Schema } from '../translate/schema.js';
import { columnBatchFor } from './arrow-batches.js';
import { arrowTypeOf, flinkTypeOfArrow } from './arrow-types.js';
import { columnsAsArrays, hasFixedSizeLists } from './arrow-fixed-lists.js';
import { encodeObjectColumns } from './object-values.js';

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
/** Types whose record batches read NaN as missing themselves (utf8-batches.ts), without a scan of the column per read. */
const READ_NAN_AS_NULL = new Set(['STRING']);

function hasNaN(values: unknown[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && v !== v) return true;
  }
  return false;
}

/** JS numbers are doubles, and Arquero computes with them as doubles: a number column is DOUBLE. */
export function inferFlinkType(name: string, values: ArrayLike<unknown>): string {
  for (const [ctor, type] of typedArrayTypes) if (values instanceof ctor) return type;
  let found: string | undefined;
  let foundTypeof: string | undefined; // the typeof of the values seen so far: most columns skip the lookup
  let sawNaN = false; // a column of NaN only is still numbers
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === foundTypeof && foundTypeof !== 'object') continue; // first: the common case
    if (v === null || v === undefined || isNaNValue(v)) {
      sawNaN ||= isNaNValue(v);
      continue;
    }
    const type = valueTypes.find(([test]) => test(v))?.[1];
    if (!type) {
      throw new FlinkFrameError(
        `Column "${name}" holds ${typeof v === 'object' ? `${v?.constructor?.name ?? 'object'} values` : typeof v} (row ${i}: ${String(v).slice(0, 40)}), ` +
          'which flinkframe cannot send to Flink yet. Use numbers, strings, booleans, Dates, bigints, plain objects, RegExps or arrays of them (convert Maps and Sets with Object.fromEntries / Array.from).',
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
  return found ?? (sawNaN ? 'DOUBLE' : 'STRING');
}

/** True when the column has no value to type it by (empty, or only null/undefined): inferFlinkType says STRING. */
export function hasNoValues(values: ArrayLike<unknown>): boolean {
  if (ArrayBuffer.isView(values)) return false;
  for (let i = 0; i < values.length; i++) if (values[i] !== null && values[i] !== undefined) return false;
  return true;
}

/**
 * Rows per Arrow record batch: Flink's reader takes one batch at a time, and a batch's strings are joined into
 * one JS string while they are encoded, so batches stay a few MB.
 */
export const BATCH_ROWS = 1 << 16;

/**
 * An Arrow IPC stream in order, one message's pieces at a time: the schema message, the record batches, the
 * end-of-stream marker. Record batches whose index `keep` refuses are skipped without being encoded (a split of
 * the stream). `columns` names the columns a reader needs: a stream may hold only those (at least one column,
 * which carries the row count), or all. The pieces may be views of the caller's typed arrays and of buffers reused
 * later: copy them before asking for the next.
 */
export type StreamMessages = (keep?: (batch: number) => boolean, columns?: readonly string[]) => Iterable<Uint8Array[]>;

/** Columns checked and typed, whose Arrow IPC stream is made batch by batch when it is read. */
export interface ColumnsEncoder {
  schema: Schema;
  rows: number;
  messages: StreamMessages;
}

const EOS = Uint8Array.of(255, 255, 255, 255, 0, 0, 0, 0);

/** The IPC pieces flechette writes for a table: each body buffer as a view, padding and messages as small arrays. */
function ipcPieces(columns: [string, flechette.Column<unknown>][]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  const sink = { write: (b: Uint8Array) => void pieces.push(b), pad: (n: number) => void pieces.push(new Uint8Array(n)), finish: () => null };
  flechette.tableToIPC(flechette.tableFromColumns(columns), { format: 'stream', sink } as Parameters<typeof flechette.tableToIPC>[1]);
  return pieces;
}

/** Drops `bytes` leading bytes (whole pieces) and the trailing end-of-stream marker of one table's pieces. */
function middle(pieces: Uint8Array[], bytes: number): Uint8Array[] {
  let first = 0;
  for (let skipped = 0; skipped < bytes; first++) skipped += pieces[first]!.byteLength;
  return pieces.slice(first, -1);
}

/**
 * Columns to an Arrow IPC stream, encoded when read (see ColumnsEncoder): type inference and checks happen
 * here, at once, so bad input fails at the call. Each column's buffers are written directly (arrow-batches.ts);
 * a record batch at a time is alive, which keeps the garbage collector from walking a whole table of buffers.
 * NaN in a non-float column is a missing value (Arquero's reading).
 */
export function columnsEncoder(givenColumns: [string, ArrayLike<unknown>][], columnTypes: Record<string, string> = {}, batchRows = BATCH_ROWS): ColumnsEncoder {
  const { given, types } = encodeObjectColumns(givenColumns, columnTypes); // objects and RegExps: object-values.ts
  const schema = given.map(([name, values]) => ({ name, type: types[name] ?? inferFlinkType(name, values) }));
  const arrowTypes = given.map(([name], i) => arrowTypeOf(schema[i]!.type, name));
  const rows = given[0]?.[1].length ?? 0;
  const messages: StreamMessages = function* (keep = () => true, wanted) {
    const picked = pickColumns(given, wanted);
    const columns = picked.map((i): [string, ArrayLike<unknown>] => {
      const [name, values] = given[i]!;
      return FLOATS.has(schema[i]!.type) || READ_NAN_AS_NULL.has(schema[i]!.type) || !Array.isArray(values) || !hasNaN(values)
        ? [name, values]
        : [name, values.map((v) => (isNaNValue(v) ? null : v))];
    });
    const types = picked.map((i) => arrowTypes[i]!);
    const makers = columns.map(([, values], i) => columnBatchFor(types[i]!, values));
    const head = ipcPieces(columns.map(([name], i) => [name, new flechette.Column([], types[i]!)]));
    yield head.slice(0, -1); // the schema message
    const schemaBytes = head.slice(0, -1).reduce((n, p) => n + p.byteLength, 0);
    for (let start = 0, batch = 0; start < rows; start += batchRows, batch++) {
      if (!keep(batch)) continue;
      const end = Math.min(rows, start + batchRows);
      const columnBatches = columns.map(([name, values], i): [string, flechette.Column<unknown>] =>
        [name, new flechette.Column([makers[i]!(values, types[i]!, start, end)], types[i]!)]);
      yield middle(ipcPieces(columnBatches), schemaBytes);
    }
    yield [EOS];
  };
  return { schema, rows, messages };
}

/**
 * The indexes of the columns a reader asked for, in the table's order: all of them when it did not say, or named
 * none the table has. A reader of none (COUNT(*)) still needs the row count a column carries: one, a typed array
 * if there is one (sent as it is, not encoded).
 */
function pickColumns(given: [string, ArrayLike<unknown>][], wanted: readonly string[] | undefined): number[] {
  const all = given.map((_, i) => i);
  if (!wanted) return all;
  if (!wanted.length) return all.length ? [Math.max(0, given.findIndex(([, values]) => ArrayBuffer.isView(values)))] : [];
  const names = new Set(wanted);
  const picked = all.filter((i) => names.has(given[i]![0]));
  return picked.length ? picked : all;
}

/** Arrow IPC bytes and the Flink schema they hold. */
export interface EncodedTable {
  /** The IPC stream, in the order its pieces are written. */
  chunks: Uint8Array[];
  schema: Schema;
  rows: number;
}

/** Columns to Arrow IPC stream chunks held in memory (copies: the columns may change afterwards). */
export function encodeColumns(given: [string, ArrayLike<unknown>][], types: Record<string, string> = {}, batchRows = BATCH_ROWS): EncodedTable {
  const encoder = columnsEncoder(given, types, batchRows);
  const chunks: Uint8Array[] = [];
  for (const pieces of encoder.messages()) for (const p of pieces) chunks.push(p.slice());
  return { chunks, schema: encoder.schema, rows: encoder.rows };
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
