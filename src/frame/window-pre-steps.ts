/**
 * Window values that other window values read (WindowScope.before: row numbers for nth_value, value ranks for a
 * per-row op.distinct), and the window values of an expression that mixes window orders (WindowScope.hoist), are
 * computed in projections of their own before the verb's, since SQL allows no window function inside another, and
 * dropped after it.
 */
import type { NamedSql } from '../translate/plan.js';
import { quoteIdent } from '../translate/sql-text.js';
import type { Table } from './table.js';
import { passThrough, project } from './verbs/project.js';
import { windowOrders } from './window-steps.js';

/**
 * The table with the step columns added (itself when there are none), and their names. A step that reads another
 * comes in a later projection, and each projection holds the steps of one window order (Flink 2.3 plans two
 * orders in one projection wrongly: window-steps.ts).
 */
export function withPreSteps(table: Table, before: ReadonlyMap<string, string>, label: string): { table: Table; names: Set<string> } {
  const names = new Set(before.values());
  const projections = new Map<string, NamedSql[]>(); // by layer and order, in the order they must run
  const layerOf = new Map<string, number>();
  for (const [sql, name] of before) {
    const layer = 1 + Math.max(0, ...[...layerOf].filter(([read]) => sql.includes(quoteIdent(read))).map(([, l]) => l));
    layerOf.set(name, layer);
    const key = `${layer}\u0000${[...windowOrders(sql)].join('\u0000')}`;
    projections.set(key, [...(projections.get(key) ?? []), { name, sql }]);
  }
  const ordered = [...projections].sort(([a], [b]) => parseInt(a, 10) - parseInt(b, 10)).map(([, steps]) => steps);
  const stepped = ordered.reduce(
    (t, steps) => project(t, [...t.columnNames().map(passThrough), ...steps], `${label} [window values read by window values]`),
    table,
  );
  return { table: stepped, names };
}

/** A projection's result without the hidden columns a verb used on the way. */
export function withoutColumns(table: Table, names: ReadonlySet<string>): Table {
  const node = table.state.node;
  if (!names.size || node.kind !== 'project' || !node.columns.some((c) => names.has(c.name))) return table;
  return table.with({ node: { ...node, columns: node.columns.filter((c) => !names.has(c.name)) } });
}
