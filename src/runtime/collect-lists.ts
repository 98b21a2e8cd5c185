import type * as aq from 'arquero';
import * as flechette from '@uwdata/flechette';

/** A list value read from Arrow (a typed-array view for numbers) as the plain JS array Arquero would hold. */
function plainArray(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, plainArray);
  return value;
}

const isList = (type: flechette.DataType | undefined) =>
  type?.typeId === flechette.Type.List || type?.typeId === flechette.Type.FixedSizeList;

/**
 * Collected ARRAY columns as columns of plain JS arrays: flechette gives a list of numbers as a typed-array view
 * (Float64Array...), while a table of JS arrays (and Arquero's array_agg) holds Arrays.
 */
export function withPlainLists(table: aq.ColumnTable): aq.ColumnTable {
  const lists = table.columnNames().filter((name) => isList((table.column(name) as { type?: flechette.DataType }).type));
  if (!lists.length) return table;
  return table.assign(Object.fromEntries(lists.map((name) => [name, Array.from(table.array(name) as ArrayLike<unknown>, plainArray)])));
}
