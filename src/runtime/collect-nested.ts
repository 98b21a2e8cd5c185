import type * as aq from 'arquero';
import * as flechette from '@uwdata/flechette';
import { objectDecoder } from './object-values.js';

/** A list value read from Arrow (a typed-array view for numbers) as the plain JS array Arquero would hold. */
function plainArray(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, plainArray);
  return value;
}

type Entries = [unknown, unknown][];

/**
 * The JS values the key-value aggregates give, by the field name of the ROW<tag MAP<...>> their SQL builds
 * (op-registry.ts pairsAgg): flechette reads a Map as its entries, in order, duplicates kept.
 */
const TAGGED_MAPS: Record<string, (entries: Entries) => unknown> = {
  __ff_entries: (entries) => entries,
  __ff_object: (entries) => Object.fromEntries(entries),
  __ff_map: (entries) => new Map(entries),
};

const entriesOf = (value: unknown): Entries => Array.from(value as ArrayLike<unknown>, (e) => plainArray(e) as [unknown, unknown]);

/** How a column's values are turned into Arquero's JS values, or undefined when they are as Arquero holds them. */
function conversionOf(type: flechette.DataType | undefined): ((value: unknown) => unknown) | undefined {
  const T = flechette.Type;
  if (type?.typeId === T.List || type?.typeId === T.FixedSizeList) return plainArray;
  // a MAP not made by those aggregates (from SQL): a JS Map
  if (type?.typeId === T.Map) return (v) => (v == null ? v : new Map(entriesOf(v)));
  if (type?.typeId === T.Struct) {
    const tag = type.children[0]!.name;
    const make = TAGGED_MAPS[tag];
    if (make) return (v) => (v == null ? v : make(entriesOf((v as Record<string, unknown>)[tag])));
    const decode = objectDecoder(tag);
    if (decode) return (v) => (v == null ? v : decode((v as Record<string, string>)[tag]!));
  }
  return undefined;
}

/**
 * Collected ARRAY, MAP and tagged ROW columns (here and object-values.ts) as Arquero holds such values: flechette gives a list of numbers as
 * a typed-array view (Float64Array...) and a map as its entries, while Arquero's tables and aggregates hold
 * Arrays, objects and Maps.
 */
export function withJsValues(table: aq.ColumnTable): aq.ColumnTable {
  const converted: Record<string, unknown[]> = {};
  for (const name of table.columnNames()) {
    const convert = conversionOf((table.column(name) as { type?: flechette.DataType }).type);
    if (convert) converted[name] = Array.from(table.array(name) as ArrayLike<unknown>, convert);
  }
  return Object.keys(converted).length ? table.assign(converted) : table;
}

/**
 * Collected Arrow IPC chunks (one result file per writing task) as one Arquero table holding JS values (above),
 * over all their record batches: Arquero's concat would copy every value into new arrays (4 s for 100 MB of
 * two files).
 */
export function arqueroOfIpc(chunks: Uint8Array[], fromArrow: typeof aq.fromArrow): aq.ColumnTable {
  if (chunks.length === 1) return withJsValues(fromArrow(chunks[0]!));
  const tables = chunks.map((bytes) => flechette.tableFromIPC(bytes, { useDate: true })); // Arquero's own options
  const columns = tables[0]!.schema.fields.map((f, i): [string, flechette.Column<unknown>] =>
    [f.name, new flechette.Column(tables.flatMap((t) => t.getChildAt(i)!.data), f.type)]);
  return withJsValues(fromArrow(flechette.tableFromColumns(columns) as unknown as Parameters<typeof aq.fromArrow>[0]));
}
