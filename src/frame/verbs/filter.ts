import { FlinkFrameError } from '../../errors.js';
import { translatePredicate } from '../../translate/expression.js';
import { HIDDEN_PREFIX } from '../frame-state.js';
import type { FilterNode, ProjectNode } from '../../translate/plan.js';
import type { Table } from '../table.js';
import { unwrapRolling, windowScope } from '../window-scope.js';
import { describe, passThrough } from './project.js';
import { filterOnUdfResults, udfScope } from '../udf-stages.js';
import { filterNode } from '../udf-filter-pushdown.js';
import { splitConjuncts } from '../../translate/predicate-conjuncts.js';
import { translatedOverOrders, withPreSteps } from '../window-pre-steps.js';

let windowTests = 0;

export function filter(table: Table, predicate: unknown): Table {
  const { expr, frame } = unwrapRolling(predicate);
  const udfs = udfScope(table);
  const before = new Map<string, string>();
  const translate = (hoist: boolean) => {
    udfs.calls.length = 0; // a second translation finds the same UDF calls again
    return translatePredicate(expr, { ...windowScope(table, 'filter', frame, before, hoist), udfs });
  };
  const condition = translatedOverOrders(translate, (c) => c.sql);
  const label = `filter(${describe(predicate)})`;
  if (udfs.calls.length) {
    if (before.size) throw new FlinkFrameError(`${label}: the predicate calls a JavaScript UDF and a window function that needs a step before it (nth_value, or distinct per row); derive the window value into a column first, then filter on it.`);
    // a && b is filter(a) then filter(b), also in JS (b runs only where a holds): SQL tests then go below the stages
    const conjuncts = frame ? undefined : splitConjuncts(expr);
    if (conjuncts) return conjuncts.reduce((t, c) => filter(t, c), table);
    return filterOnUdfResults(table, condition, udfs, label);
  }
  if (condition.kind === 'scalar') {
    return table.with({ node: filterNode(table.state.node, condition.sql, label) });
  }
  // SQL allows no window function in WHERE: compute the test into a hidden column, filter on it, drop it
  const test = `${HIDDEN_PREFIX}w${++windowTests}`;
  const columns = table.fullSchema().map((f) => passThrough(f.name));
  const pre = withPreSteps(table, before, label);
  const tested: ProjectNode = { kind: 'project', input: pre.table.state.node, columns: [...columns, { name: test, sql: condition.sql }], label };
  const kept: FilterNode = { kind: 'filter', input: tested, predicate: passThrough(test).sql, label };
  return table.with({ node: { kind: 'project', input: kept, columns, label: `drop ${test}` } });
}
