import type { Table } from '../table.js';
import { assertColumns, resolveSelection } from '../selection.js';
import { quoteIdent } from '../../translate/sql-text.js';
import { describe, project } from './project.js';

export function rename(table: Table, columns: unknown[]): Table {
  const map = resolveSelection(table, columns.flat(), 'rename');
  assertColumns(table, map.keys(), 'rename');
  const out = table.columnNames().map((name) => ({ name: map.get(name) ?? name, sql: quoteIdent(name) }));
  return project(table, out, `rename(${columns.map(describe).join(', ')})`);
}
