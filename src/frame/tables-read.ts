import { inputsOf, type PlanNode } from '../translate/plan.js';

/**
 * The Flink tables a plan reads, at least: its source nodes, and those of every frame registered under a name its
 * SQL mentions (sql() over register()ed views). A pre-query encodes these in-memory tables ahead of its job
 * (Engine.runSync), so this must never miss one (a table not encoded ahead would wait for the blocked main thread
 * forever); a name that only looks like a view's (in a string literal, another case) costs an encoding, nothing else.
 */
export function tablesRead(node: PlanNode, views: ReadonlyMap<string, PlanNode>): Set<string> {
  const tables = new Set<string>();
  const seen = new Set<PlanNode>();
  const visit = (n: PlanNode): void => {
    if (seen.has(n)) return;
    seen.add(n);
    if (n.kind === 'source') tables.add(n.table);
    if (n.kind === 'query') for (const [name, registered] of views) if (mentions(n.sql, name)) visit(registered);
    inputsOf(n).forEach(visit);
  };
  visit(node);
  return tables;
}

const mentions = (sql: string, name: string) =>
  new RegExp(`(^|[^\\p{L}\\p{N}_$])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}_$])`, 'iu').test(sql);
