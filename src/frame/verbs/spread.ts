import { FlinkFrameError } from '../../errors.js';
import { toSql } from '../../translate/plan-sql.js';
import { quoteIdent } from '../../translate/sql-text.js';
import { findField } from '../../translate/schema.js';
import type { NamedSql } from '../../translate/plan.js';
import { preQuery } from '../pre-query.js';
import { assertColumns, resolveSelection } from '../selection.js';
import type { Table } from '../table.js';
import { describe, passThrough, project } from './project.js';
import { derive } from './derive.js';

export interface SpreadOptions {
  /** Output names (only when spreading one column); also limits the count. */
  as?: string[];
  /** Drop the spread columns (default true). */
  drop?: boolean;
  limit?: number;
}

/**
 * Arquero's spread of array columns: element i becomes column `<name>_<i+1>` (null where an array is shorter).
 * How many columns is the longest array's length, read first by a pre-query (a small Flink job at the call).
 */
export function spread(input: Table, values: unknown, options: SpreadOptions = {}): Table {
  // Arquero also spreads computed arrays ({ name: d => ... }): derived first, spread, and dropped
  const computed = !!values && typeof values === 'object' && !Array.isArray(values) && Object.values(values).some((v) => typeof v === 'function');
  const table = computed ? derive(input, values as Record<string, unknown>) : input;
  if (computed) values = Object.keys(values as object);
  const names = [...resolveSelection(table, values, 'spread').keys()];
  assertColumns(table, names, 'spread');
  if (!names.length) return table;
  const schema = table.schema();
  for (const name of names) {
    const type = findField(schema, name)!.type;
    if (!/^ARRAY</.test(type)) throw new FlinkFrameError(`spread: column "${name}" is ${type}, not an array; spread takes array columns (e.g. from op.split).`);
  }
  const as = (names.length === 1 && options.as) || [];
  const drop = options.drop == null ? true : !!options.drop;
  const limit = options.limit == null ? as.length || Infinity : Math.max(1, Math.floor(Number(options.limit)) || 1);

  // pre-query: the longest array of each column
  const lengths = table.state.session
    .query(
      `SELECT ${names.map((n, i) => `COALESCE(MAX(CARDINALITY(${quoteIdent(n)})), 0) AS \`n${i}\``).join(', ')} FROM (${toSql(table.state.node)}) AS t`,
      [table.state.node],
      'spread pre-query',
    );
  const [row] = preQuery(lengths, 'spread');
  const counts = names.map((_, i) => Math.min(Number(row![`n${i}`]), limit));

  const spreadColumns = (name: string, i: number): NamedSql[] =>
    Array.from({ length: counts[i]! }, (_, j) => ({
      name: as[j] || `${name}_${j + 1}`,
      sql: `CASE WHEN CARDINALITY(${quoteIdent(name)}) > ${j} THEN ${quoteIdent(name)}[${j + 1}] END`,
    }));
  const columns: NamedSql[] = table.columnNames().flatMap((name) => {
    const i = names.indexOf(name);
    if (i < 0) return [passThrough(name)];
    return [...(drop ? [] : [passThrough(name)]), ...spreadColumns(name, i)];
  });
  const label = `spread(${describe(values)}${Object.keys(options).length ? ', ' + describe(options) : ''}) [pre-query: longest array = ${counts.join(', ')} column(s)]`;
  return project(table, columns, label);
}
