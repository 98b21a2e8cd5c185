import type { Schema } from '../translate/schema.js';
import { orderList, toSql } from '../translate/plan-sql.js';
import { quoteIdent } from '../translate/sql-text.js';
import type { Table } from './table.js';
import { sortKeys } from './row-order.js';

/**
 * The query a materializer runs: the plan's SQL, narrowed to the visible columns and sorted by the hidden
 * order keys; a LIMIT here is pushed down by Flink.
 */
export function finalQuery(
  table: Table,
  options: { limit?: number; offset?: number; hidden?: readonly string[] } = {},
): { sql: string; schema: Schema } {
  // options.hidden: hidden columns to output too, after the visible ones (the group keys and row ordinal)
  const wanted = new Set(options.hidden ?? []);
  const schema = [...table.schema(), ...table.fullSchema().filter((f) => wanted.has(f.name))];
  const hidden = table.fullSchema().length !== schema.length;
  const base = toSql(table.state.node);
  const order = sortKeys(table);
  const { limit, offset } = options;
  if (!hidden && !order.length && limit === undefined && !offset) return { sql: base, schema };
  const columns = schema.map((f) => quoteIdent(f.name)).join(', ');
  const sql =
    `SELECT ${columns} FROM (${base}) AS t` +
    (order.length ? ` ORDER BY ${orderList([...order])}` : '') +
    (limit !== undefined ? ` LIMIT ${limit}` : '') +
    (offset ? ` OFFSET ${offset}` : '');
  return { sql, schema };
}
