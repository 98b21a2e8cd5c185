import { translateExpr } from '../../translate/expression.js';
import type { NamedSql } from '../../translate/plan.js';
import type { Table } from '../table.js';
import { describe, passThrough, project } from './project.js';
import { relocate } from './relocate.js';
import { resolveBinsSpreads } from '../bins-spread.js';
import { deriveWithJsAggregates } from '../derive-js-aggregates.js';
import { unwrapRolling, windowScope } from '../window-scope.js';
import { dropUdfColumns, udfScope, withUdfStages } from '../udf-stages.js';

export interface DeriveOptions {
  before?: unknown;
  after?: unknown;
  /** Keep only the derived columns. */
  drop?: boolean;
}

export function derive(table: Table, values: Record<string, unknown>, options: DeriveOptions = {}): Table {
  // aggregates with no exact SQL form (op.product...) over whole groups: rolled up and joined back
  const withJs = deriveWithJsAggregates(table, values, !!options.drop, (t, rest) => derive(t, rest));
  if (withJs) return options.drop || (options.before == null && options.after == null) ? withJs : relocate(withJs, Object.keys(values).filter((n) => !table.columnNames().includes(n)), { before: options.before, after: options.after });
  const derived = new Map<string, string>();
  const udfs = udfScope(table);
  const shown: Record<string, unknown> = {};
  for (const [name, given] of Object.entries(values)) {
    const value = (shown[name] = resolveBinsSpreads(table, 'derive', given));
    // aggregates and window functions are computed per row over the groups (a window, see window-scope.ts)
    const { expr, frame } = unwrapRolling(value);
    derived.set(name, translateExpr(name, expr, { ...windowScope(table, 'derive', frame), udfs }).sql);
  }
  const existing = table.columnNames();
  const columns: NamedSql[] = options.drop
    ? []
    : existing.map((name) => (derived.has(name) ? { name, sql: derived.get(name)! } : passThrough(name)));
  for (const [name, sql] of derived) if (options.drop || !existing.includes(name)) columns.push({ name, sql });

  // calls of JavaScript UDFs run in UDF stages before the projection that reads their results
  const result = dropUdfColumns(project(withUdfStages(table, udfs), columns, `derive(${describe(shown)})${Object.keys(values).some((n) => shown[n] !== values[n]) ? ' [pre-query: ...bins() became the numbers shown]' : ''}`), udfs);
  const added = [...derived.keys()].filter((name) => !existing.includes(name));
  return options.drop || (options.before == null && options.after == null)
    ? result
    : relocate(result, added, { before: options.before, after: options.after });
}
