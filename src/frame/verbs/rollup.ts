import { translateExpr } from '../../translate/expression.js';
import type { NamedSql } from '../../translate/plan.js';
import type { Table } from '../table.js';
import { describe } from './project.js';
import { rollupWithAggregateUdfs } from '../udf-aggregate-rollup.js';

/** Aggregates each group (or the whole table) to one row; the result is ungrouped and unordered. */
export function rollup(table: Table, values: Record<string, unknown>): Table {
  // values that call aggregate JavaScript UDFs run in UDF stages, joined with the SQL aggregate of the rest
  const withUdfs = rollupWithAggregateUdfs(table, values, rollup);
  if (withUdfs) return withUdfs;
  const scope = table.scope('rollup');
  const aggregates: NamedSql[] = Object.entries(values).map(([name, value]) => ({
    name,
    sql: translateExpr(name, value, scope).sql,
  }));
  return aggregated(table, aggregates, `rollup(${describe(values)})`);
}

export function count(table: Table, options: { as?: string }): Table {
  return aggregated(table, [{ name: options.as ?? 'count', sql: 'COUNT(*)' }], `count(${describe(options)})`);
}

function aggregated(table: Table, values: NamedSql[], label: string): Table {
  const groups = [...table.state.groups];
  return table.with({
    node: { kind: 'aggregate', input: table.state.node, groups, values, label },
    groups: [],
    order: [],
  });
}
