import { translateExpr } from '../../translate/expression.js';
import type { NamedSql, PlanNode } from '../../translate/plan.js';
import { quoteIdent } from '../../translate/sql-text.js';
import type { Table } from '../table.js';
import { describe } from './project.js';
import { singleOrdinal, sortKeys } from '../row-order.js';
import { derive } from './derive.js';
import { udfScope, withUdfStages } from '../udf-stages.js';
import { rollupWithAggregateUdfs } from '../udf-aggregate-rollup.js';
import { groupColumns } from '../group-columns.js';
import { passThrough } from './project.js';

/**
 * Aggregates each group (or the whole table) to one row; the result is ungrouped and unordered, except with a
 * row ordinal (rowOrder: 'arquero'), where each group keeps its first row's: groups in first-appearance order.
 */
export function rollup(table: Table, values: Record<string, unknown>): Table {
  // values that call aggregate JavaScript UDFs run in UDF stages, joined with the SQL aggregate of the rest
  const withUdfs = rollupWithAggregateUdfs(table, values, rollup);
  if (withUdfs) return withUdfs;
  // JavaScript inside an aggregate's argument runs in a UDF stage before the aggregation
  const udfs = udfScope(table);
  const scope = { ...table.scope('rollup'), udfs };
  const aggregates: NamedSql[] = Object.entries(values).map(([name, value]) => ({
    name,
    sql: translateExpr(name, value, scope).sql,
  }));
  const label = `rollup(${describe(values)})`;
  if (aggregates.some((a) => IN_ROW_ORDER.test(a.sql)) && sortKeys(table).length) {
    return rollupInRowOrder(table, values, label);
  }
  return aggregated(withUdfStages(table, udfs), aggregates, label);
}

/** Aggregates whose value depends on the order of the rows (array_agg: the values in row order). */
const IN_ROW_ORDER = /\bARRAY_AGG\((?!DISTINCT)/;

/**
 * A GROUP BY aggregate sees a group's rows in no particular order (Flink sorts or hashes them by group), so on a
 * table with an order (orderby, or the row ordinal of rowOrder 'arquero') a rollup that needs it is computed per
 * row first, over each group's window in that order (derive), and then one value is taken per group.
 */
function rollupInRowOrder(table: Table, values: Record<string, unknown>, label: string): Table {
  const names = Object.keys(values);
  const perRow = Object.fromEntries(names.map((name, i) => [`__ff_rollup_${i}`, values[name]]));
  const derived = derive(table, perRow);
  return aggregated(derived, names.map((name, i) => ({ name, sql: `FIRST_VALUE(${quoteIdent(`__ff_rollup_${i}`)})` })), label);
}

export function count(table: Table, options: { as?: string }): Table {
  return aggregated(table, [{ name: options.as ?? 'count', sql: 'COUNT(*)' }], `count(${describe(options)})`);
}

function aggregated(input: Table, values: NamedSql[], label: string): Table {
  const { table, column } = singleOrdinal(input);
  const groups = groupColumns(table.state);
  const first: NamedSql[] = column ? [{ name: column, sql: `MIN(${quoteIdent(column)})` }] : [];
  const aggregate: PlanNode = { kind: 'aggregate', input: table.state.node, groups, values: [...values, ...first], label };
  // groups held by hidden columns (group-columns.ts) come out under their names
  const renamed = table.state.groups.some((g, i) => groups[i] !== g);
  const named: NamedSql[] = [
    ...table.state.groups.map((g, i) => ({ name: g, sql: quoteIdent(groups[i]!) })),
    ...[...values, ...first].map((v) => passThrough(v.name)),
  ];
  return table.with({
    node: renamed ? { kind: 'project', input: aggregate, columns: named, label: 'name the groups' } : aggregate,
    groups: [],
    groupColumns: {},
    order: [],
    ordinal: column ? [column] : [],
  });
}
