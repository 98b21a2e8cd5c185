import { translateExpr } from '../../translate/expression.js';
import type { NamedSql, PlanNode } from '../../translate/plan.js';
import { quoteIdent } from '../../translate/sql-text.js';
import type { Table } from '../table.js';
import { describe } from './project.js';
import { singleOrdinal } from '../row-order.js';
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
  return aggregated(withUdfStages(table, udfs), aggregates, `rollup(${describe(values)})`);
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
