/**
 * Arquero's row order, kept in a session with rowOrder: 'arquero' (docs/semantics.md, "Row order").
 *
 * An in-memory source numbers its rows in a hidden column (ROW_ORDINAL). Verbs carry that ordinal: filter,
 * derive, select and friends pass hidden columns through; orderby sorts by its keys and then the ordinal (a
 * stable sort); rollup/count keep each group's smallest ordinal (groups in first-appearance order); concat
 * prefixes each table's index; joins, fold and unroll add the positions Arquero emits rows in. The final query
 * sorts by it. An ordinal may have several columns, compared in turn.
 */
import { quoteIdent } from '../translate/sql-text.js';
import type { NamedSql, OrderKey } from '../translate/plan.js';
import { hiddenName } from './frame-state.js';
import type { Table } from './table.js';

/** A fresh name for an ordinal column. */
export const ordinalName = hiddenName;

/** The table's ordinal columns, if its plan still carries all of them (a verb that drops them ends the order). */
export function ordinalColumns(table: Table): string[] {
  const ordinal = table.state.ordinal ?? [];
  if (!ordinal.length) return [];
  const names = new Set(table.fullSchema().map((f) => f.name));
  return ordinal.every((c) => names.has(c)) ? [...ordinal] : [];
}

const ascending = (column: string): OrderKey => ({ column, desc: false });

/** The whole sort of the final query: the orderby keys, then the ordinal (Arquero's sort is stable). */
export function sortKeys(table: Table): OrderKey[] {
  return [...table.state.order, ...ordinalColumns(table).map(ascending)];
}

/**
 * The ordinal as one column, for verbs that take the smallest of a group (rollup) or combine two tables'
 * (joins): a multi-column ordinal is numbered in its order first (a window over the whole table).
 */
export function singleOrdinal(table: Table): { table: Table; column: string | null } {
  const columns = ordinalColumns(table);
  if (columns.length <= 1) return { table, column: columns[0] ?? null };
  const column = ordinalName('n');
  const numbered: NamedSql = { name: column, sql: `ROW_NUMBER() OVER (ORDER BY ${columns.map(quoteIdent).join(', ')})` };
  const kept = table.fullSchema().filter((f) => !columns.includes(f.name)).map((f) => ({ name: f.name, sql: quoteIdent(f.name) }));
  return {
    table: table.with({ node: { kind: 'project', input: table.state.node, columns: [...kept, numbered], label: 'number rows' }, ordinal: [column] }),
    column,
  };
}
