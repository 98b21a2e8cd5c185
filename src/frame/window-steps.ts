/**
 * Flink 2.3 computes a projection whose window functions have different ORDER BY lists as a chain of
 * OverAggregates, and with two orders (Arquero's rank() orders by the sort keys, lag and rolling frames by the
 * sort keys and then the row ordinal) a LAG in the second one comes out wrong. Computed as two projections,
 * one per order, each is right. So a derive whose values need several window orders computes them in steps:
 * the values of each order but the last into hidden columns, then the last projection reads those.
 */
import { HIDDEN_PREFIX } from './frame-state.js';

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

let steps = 0;

/**
 * Splits derived values (name -> SQL) into steps with one window order each: `before` are the hidden columns to
 * compute first, step by step, and `values` the final SQL (reading them). Undefined when one step does.
 */
export function windowSteps(derived: ReadonlyMap<string, string>): { before: Map<string, string>[]; values: Map<string, string> } | undefined {
  const byOrder = new Map<string, string[]>();
  for (const [name, sql] of derived) {
    const orders = windowOrders(sql);
    if (orders.size > 1) return undefined; // one expression with two orders cannot be split
    const [order] = orders;
    if (order !== undefined) byOrder.set(order, [...(byOrder.get(order) ?? []), name]);
  }
  if (byOrder.size < 2) return undefined;
  const values = new Map(derived);
  const before = [...byOrder.values()].slice(0, -1).map((names) => {
    const step = new Map<string, string>();
    for (const name of names) {
      const column = `${HIDDEN_PREFIX}win${++steps}`;
      step.set(column, derived.get(name)!);
      values.set(name, `\`${column}\``);
    }
    return step;
  });
  return { before, values };
}
