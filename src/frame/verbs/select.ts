import type { Table } from '../table.js';
import { assertColumns, resolveSelection } from '../selection.js';
import { quoteIdent } from '../../translate/sql-text.js';
import { describe, project } from './project.js';

export function select(table: Table, columns: unknown[]): Table {
  const map = resolveSelection(table, columns.flat(), 'select');
  assertColumns(table, map.keys(), 'select');
  const out = [...map].map(([from, to]) => ({ name: to, sql: quoteIdent(from) }));
  return project(table, out, `select(${columns.map(describe).join(', ')})`);
}
