/**
 * Window values that other window values read (WindowScope.before: row numbers for nth_value, value ranks for a
 * per-row op.distinct) are computed in projections of their own before the verb's, since SQL allows no window
 * function inside another, and dropped after it. So are all the window values of a verb whose expressions need
 * several window orders (WindowScope.hoist): Flink 2.3 computes a projection whose window functions have different
 * ORDER BY lists as a chain of OverAggregates, and with two orders (Arquero's rank() orders by the sort keys, lag
 * and rolling frames by the sort keys and then the row ordinal) a LAG in the second one comes out wrong, or the
 * plan fails; computed as one projection per order, each is right.
 */
import type { NamedSql } from '../translate/plan.js';
import { quoteIdent } from '../translate/sql-text.js';
import type { Table } from './table.js';
import { passThrough, project } from './verbs/project.js';

/** The ORDER BY lists of the OVER clauses in a SQL expression. */
export function windowOrders(sql: string): Set<string> {
  const orders = new Set<string>();
  for (let at = sql.indexOf(' OVER ('); at >= 0; at = sql.indexOf(' OVER (', at + 1)) {
    let depth = 0;
    let end = at + ' OVER ('.length - 1;
    for (; end < sql.length; end++) {
      if (sql[end] === '(') depth++;
      else if (sql[end] === ')' && --depth === 0) break;
    }
    const clause = sql.slice(at + ' OVER ('.length, end);
    const order = /ORDER BY (.*?)(?: ROWS | RANGE |$)/.exec(clause)?.[1];
    if (order) orders.add(order);
  }
  return orders;
}

/**
 * A verb's translation, made again with every window value hoisted into the steps before (WindowScope.hoist)
 * when it mixes window orders, which Flink 2.3 cannot plan in one projection. `sqlOf` gives the SQL to look in.
 */
export function translatedOverOrders<T>(translate: (hoist: boolean) => T, sqlOf: (translated: T) => string): T {
  const first = translate(false);
  return windowOrders(sqlOf(first)).size > 1 ? translate(true) : first;
}

/**
 * The table with the step columns added (itself when there are none), and their names. A step that reads another
 * comes in a later projection, and each projection holds the steps of one window order.
 */
export function withPreSteps(table: Table, before: ReadonlyMap<string, string>, label: string): { table: Table; names: Set<string> } {
  const names = new Set(before.values());
  const layers: Map<string, NamedSql[]>[] = []; // per layer, the steps of each window order
  const layerOf = new Map<string, number>();
  for (const [sql, name] of before) {
    const layer = Math.max(0, ...[...layerOf].filter(([read]) => sql.includes(quoteIdent(read))).map(([, l]) => l + 1));
    layerOf.set(name, layer);
    const orders = (layers[layer] ??= new Map());
    const order = [...windowOrders(sql)].join(', ');
    orders.set(order, [...(orders.get(order) ?? []), { name, sql }]);
  }
  const projections = layers.flatMap((orders) => [...orders.values()]);
  const stepped = projections.reduce(
    (t, steps, i) => project(t, [...t.columnNames().map(passThrough), ...steps], `${label} [window order ${i + 1}]`),
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
