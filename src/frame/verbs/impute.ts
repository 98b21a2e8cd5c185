import { FlinkFrameError } from '../../errors.js';
import { translateExpr } from '../../translate/expression.js';
import { toSql } from '../../translate/plan-sql.js';
import { familyOf } from '../../translate/expr-types.js';
import { findField } from '../../translate/schema.js';
import { quoteIdent } from '../../translate/sql-text.js';
import type { NamedSql } from '../../translate/plan.js';
import { resolveSelection } from '../selection.js';
import type { Table } from '../table.js';
import { describe, passThrough, project } from './project.js';
import { groupColumns } from '../group-columns.js';

export interface ImputeOptions {
  /** Columns whose every combination of values (within each group) must appear: missing ones are added as rows. */
  expand?: unknown;
}

/**
 * Arquero's expand: the rows of the table, plus one row (other columns null) for every combination of the
 * groups' keys and the expand columns' distinct values that the table lacks. Nulls count as values here and
 * match each other (IS NOT DISTINCT FROM), as Arquero's key hashing does.
 */
function expand(table: Table, keys: string[]): Table {
  const groups = groupColumns(table.state);
  const all = [...groups, ...keys];
  const input = `(${toSql(table.state.node)})`;
  const grid = [
    ...(groups.length ? [`(SELECT DISTINCT ${groups.map(quoteIdent).join(', ')} FROM ${input} AS t) AS g`] : []),
    ...keys.map((k, i) => `(SELECT DISTINCT ${quoteIdent(k)} FROM ${input} AS t) AS k${i}`),
  ].join(' CROSS JOIN ');
  const present = all.map((c) => `e.${quoteIdent(c)} IS NOT DISTINCT FROM x.${quoteIdent(c)}`).join(' AND ');
  const missing = `SELECT * FROM (SELECT ${all.map(quoteIdent).join(', ')} FROM ${grid}) AS x WHERE NOT EXISTS (SELECT 1 FROM ${input} AS e WHERE ${present})`;
  const schema = table.fullSchema();
  const added = schema.map((f) => (all.includes(f.name) ? `x.${quoteIdent(f.name)}` : `CAST(NULL AS ${f.type})`));
  const sql = `(SELECT * FROM ${input} AS t)\nUNION ALL\n(SELECT ${added.join(', ')} FROM (${missing}) AS x)`;
  return table.with({ node: { kind: 'query', sql, inputs: [table.state.node], label: `expand(${describe(keys)})` }, order: [], ordinal: [] });
}

/**
 * Arquero's impute: replaces missing values (null) of the named columns with an expression, which may aggregate
 * over the group (op.mean('x')), as a window.
 */
export function impute(table: Table, values: Record<string, unknown> | null, options: ImputeOptions = {}): Table {
  values ??= {}; // Arquero: impute(null, { expand }) only adds the missing rows
  const names = table.columnNames();
  for (const name of Object.keys(values)) {
    if (!names.includes(name)) throw new FlinkFrameError(`impute: invalid impute column "${name}"; available columns: ${names.join(', ')}.`);
  }
  let base = table;
  if (options.expand != null) {
    const keys = [...resolveSelection(table, options.expand, 'impute').keys()];
    for (const key of keys) {
      if (!names.includes(key)) throw new FlinkFrameError(`impute: unrecognized expand column "${key}"; available columns: ${names.join(', ')}.`);
    }
    if (keys.length) base = expand(table, keys);
  }
  const groups = groupColumns(base.state);
  const scope = { ...base.scope('impute'), over: groups.length ? `PARTITION BY ${groups.map(quoteIdent).join(', ')}` : '' };
  const schema = base.schema();
  const filled = new Map(Object.entries(values).map(([name, value]) => {
    const expr = translateExpr(name, value, scope);
    const column = quoteIdent(name);
    // NaN is missing too, as in Arquero. (Calcite simplifies x <> x away, so NaN is found by its text.)
    const missing = familyOf(findField(schema, name)!.type) === 'float' ? `${column} IS NULL OR CAST(${column} AS STRING) = 'NaN'` : `${column} IS NULL`;
    return [name, `CASE WHEN ${missing} THEN ${expr.sql} ELSE ${column} END`];
  }));
  const columns: NamedSql[] = names.map((name) => (filled.has(name) ? { name, sql: filled.get(name)! } : passThrough(name)));
  return project(base, columns, `impute(${describe(values)}${options.expand != null ? `, { expand: ${describe(options.expand)} }` : ''})`);
}
