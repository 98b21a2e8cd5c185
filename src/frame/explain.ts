import { toSql } from '../translate/plan-sql.js';
import { inputsOf, type PlanNode } from '../translate/plan.js';
import { finalQuery } from './final-query.js';
import type { Table } from './table.js';

function planTree(node: PlanNode, depth = 0): string[] {
  const label = node.kind === 'source' ? `source ${node.label}` : node.label;
  return ['  '.repeat(depth) + label, ...inputsOf(node).flatMap((child) => planTree(child, depth + 1))];
}

/** The logical plan as the verbs recorded it, the Flink SQL it became, and Flink's optimized plan of it. */
export function explain(table: Table): string {
  const { sql } = finalQuery(table);
  const session = table.state.session;
  session.prepare(table.state.node);
  return [
    '== Logical plan (flinkframe verbs) ==',
    ...planTree(table.state.node),
    (table.isOrdered() ? `  ordered by ${table.state.order.length} key(s)` : '') + (table.isGrouped() ? `  grouped by ${table.groups().join(', ')}` : ''),
    '',
    '== Flink SQL ==',
    sql,
    '',
    session.engine.explain(sql),
  ].filter((line, i) => line !== '' || i > 0).join('\n');
}

export { toSql };
