/**
 * Filter pushdown below UDF stages (PyFlink's "filter pushdown before Python UDFs"). Flink's optimizer pushes
 * filters through projections, but not into a UDF stage's view: the stage is a DataStream in between. So a
 * filter that does not read a stage's results is placed below the stage here, and the worker sees fewer rows.
 * It moves through filters and through projections that pass its columns on unchanged; elsewhere it stays.
 */
import type { PlanNode } from '../translate/plan.js';
import { quoteIdent } from '../translate/sql-text.js';
import { restage, stageResults } from './udf-stages.js';
import { udfPlanSwitches } from './udf-plan-switches.js';

/** The column names a SQL text reads (its quoted identifiers). */
function namesIn(sql: string): string[] {
  return [...sql.matchAll(/`((?:[^`]|``)+)`/g)].map((m) => m[1].replaceAll('``', '`'));
}

/** Is there a UDF stage below, reachable through the nodes a filter can move through? */
function reachesStage(node: PlanNode): boolean {
  if (node.kind === 'udf') return true;
  return (node.kind === 'project' || node.kind === 'filter') && reachesStage(node.input);
}

/** A filter of `input` by `predicate`, placed as far below UDF stages as it can go. */
export function filterNode(input: PlanNode, predicate: string, label: string): PlanNode {
  const here = (node: PlanNode): PlanNode => ({ kind: 'filter', input: node, predicate, label });
  if (!udfPlanSwitches.pushFilters) return here(input);
  const reads = namesIn(predicate);
  const push = (node: PlanNode): PlanNode => {
    if (!reachesStage(node)) return here(node);
    if (node.kind === 'filter') return { ...node, input: push(node.input) };
    if (node.kind === 'project') {
      const passed = reads.every((r) => node.columns.some((c) => c.name === r && c.sql === quoteIdent(r)));
      return passed ? { ...node, input: push(node.input) } : here(node);
    }
    if (node.kind === 'udf') {
      const results = stageResults(node);
      return reads.some((r) => results.includes(r)) ? here(node) : restage(node, push(node.input));
    }
    return here(node);
  };
  return push(input);
}
