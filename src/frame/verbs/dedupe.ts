import { assertColumns, resolveSelection } from '../selection.js';
import type { Table } from '../table.js';
import { describe } from './project.js';
import { sortKeys } from '../row-order.js';

/** One row per distinct key (all visible columns when no keys are given); the first in the table's order. */
export function dedupe(table: Table, keys: unknown[]): Table {
  const chosen = keys.flat().length ? [...resolveSelection(table, keys.flat(), 'dedupe').keys()] : table.columnNames();
  assertColumns(table, chosen, 'dedupe');
  return table.with({
    node: {
      kind: 'distinct',
      input: table.state.node,
      keys: chosen,
      order: sortKeys(table),
      columns: table.fullSchema().map((f) => f.name),
      label: `dedupe(${keys.map(describe).join(', ')})`,
    },
    groups: [],
  });
}
