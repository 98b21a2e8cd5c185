import { translateExpr } from '../../translate/expression.js';
import type { NamedSql } from '../../translate/plan.js';
import type { Table } from '../table.js';
import { describe, passThrough, project } from './project.js';
import { relocate } from './relocate.js';
import { resolveBinsSpreads } from '../bins-spread.js';
import { deriveWithJsAggregates } from '../derive-js-aggregates.js';
import { unwrapRolling, windowScope } from '../window-scope.js';
import { dropUdfColumns, udfScope, withUdfStages } from '../udf-stages.js';
import { translatedOverOrders, withPreSteps, withoutColumns } from '../window-pre-steps.js';

export interface DeriveOptions {
  before?: unknown;
  after?: unknown;
  /** Keep only the derived columns. */
  drop?: boolean;
}

export function derive(table: Table, values: Record<string, unknown>, options: DeriveOptions = {}): Table {
  // aggregates with no exact SQL form (op.product...) over whole groups: rolled up and joined back
  const withJs = deriveWithJsAggregates(table, values, !!options.drop, (t, rest) => derive(t, rest));
  if (withJs) return placed(withJs, table, Object.keys(values), options);
  const udfs = udfScope(table);
  const before = new Map<string, string>();
  const shown: Record<string, unknown> = {};
  const exprs = Object.entries(values).map(([name, given]) => {
    const value = (shown[name] = resolveBinsSpreads(table, 'derive', given));
    // aggregates and window functions are computed per row over the groups (a window, see window-scope.ts)
    return { name, ...unwrapRolling(value) };
  });
  const translate = (hoist: boolean) => {
    udfs.calls.length = 0; // a second translation finds the same UDF calls again
    return new Map(exprs.map(({ name, expr, frame }) => [name, translateExpr(name, expr, { ...windowScope(table, 'derive', frame, before, hoist), udfs }).sql]));
  };
  const derived = translatedOverOrders(translate, (values) => [...values.values()].join(' '));
  const binned = Object.keys(values).some((n) => shown[n] !== values[n]);
  const label = `derive(${describe(shown)})${binned ? ' [pre-query: ...bins() became the numbers shown]' : ''}`;
  const pre = withPreSteps(table, before, label);
  // calls of JavaScript UDFs run in UDF stages before the projection that reads their results
  const projected = project(withUdfStages(pre.table, udfs), derivedColumns(table, derived, options), label);
  const result = dropUdfColumns(withoutColumns(projected, pre.names), udfs);
  return placed(result, table, [...derived.keys()], options);
}

/** The output columns: the table's (a derived value replaces its namesake in place), then the new values. */
function derivedColumns(table: Table, derived: ReadonlyMap<string, string>, options: DeriveOptions): NamedSql[] {
  const existing = table.columnNames();
  const columns: NamedSql[] = options.drop
    ? []
    : existing.map((name) => (derived.has(name) ? { name, sql: derived.get(name)! } : passThrough(name)));
  for (const [name, sql] of derived) if (options.drop || !existing.includes(name)) columns.push({ name, sql });
  return columns;
}

/** The new columns moved before or after an anchor, when the options say. */
function placed(result: Table, table: Table, names: readonly string[], options: DeriveOptions): Table {
  const existing = table.columnNames();
  const added = names.filter((name) => !existing.includes(name));
  return options.drop || (options.before == null && options.after == null)
    ? result
    : relocate(result, added, { before: options.before, after: options.after });
}
