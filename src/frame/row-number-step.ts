/**
 * Some window values need each row's position in its partition inside a window aggregate (nth_value), where
 * SQL allows no ROW_NUMBER(): the verb computes it first into the hidden column named by the scope's
 * WindowScope.rowNumber, when an expression reads it, and drops it after.
 */
import type { WindowScope } from '../translate/expression.js';
import { overClause } from '../translate/window-clause.js';
import { quoteIdent } from '../translate/sql-text.js';
import type { Table } from './table.js';
import { passThrough, project } from './verbs/project.js';

/** The table with the row-number column added, when one of the SQL texts reads it. */
export function numberRowsFor(table: Table, window: WindowScope | undefined, sqls: readonly string[], label: string): Table {
  const column = window?.rowNumber;
  if (!column || !sqls.some((sql) => sql.includes(quoteIdent(column)))) return table;
  const numbers = { name: column, sql: `ROW_NUMBER()${overClause(window, 'ordered')}` };
  return project(table, [...table.columnNames().map(passThrough), numbers], `${label} [row numbers]`);
}

/** A projection's result without the hidden columns a verb used on the way. */
export function withoutColumns(table: Table, names: ReadonlySet<string>): Table {
  const node = table.state.node;
  if (node.kind !== 'project' || !node.columns.some((c) => names.has(c.name))) return table;
  return table.with({ node: { ...node, columns: node.columns.filter((c) => !names.has(c.name)) } });
}
