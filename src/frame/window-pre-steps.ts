/**
 * Window values that other window values read (WindowScope.before: row numbers for nth_value, value ranks for a
 * per-row op.distinct) are computed in a projection of their own before the verb's, since SQL allows no window
 * function inside another, and dropped after it.
 */
import type { Table } from './table.js';
import { passThrough, project } from './verbs/project.js';

/** The table with the step columns added (itself when there are none), and their names. */
export function withPreSteps(table: Table, before: ReadonlyMap<string, string>, label: string): { table: Table; names: Set<string> } {
  const names = new Set(before.values());
  if (!names.size) return { table, names };
  const steps = [...before].map(([sql, name]) => ({ name, sql }));
  return { table: project(table, [...table.columnNames().map(passThrough), ...steps], `${label} [window values read by window values]`), names };
}

/** A projection's result without the hidden columns a verb used on the way. */
export function withoutColumns(table: Table, names: ReadonlySet<string>): Table {
  const node = table.state.node;
  if (!names.size || node.kind !== 'project' || !node.columns.some((c) => names.has(c.name))) return table;
  return table.with({ node: { ...node, columns: node.columns.filter((c) => !names.has(c.name)) } });
}
