import { FlinkFrameError } from '../../errors.js';
import { sqlLiteral } from '../../translate/expr-literal.js';
import { quoteIdent } from '../../translate/sql-text.js';
import type { NamedSql } from '../../translate/plan.js';
import { preQuery } from '../pre-query.js';
import { assertColumns, resolveSelection } from '../selection.js';
import type { Table } from '../table.js';
import { dedupe } from './dedupe.js';
import { describe } from './project.js';
import { rollup } from './rollup.js';
import { select } from './select.js';

export interface PivotOptions {
  limit?: number;
  keySeparator?: string;
  valueSeparator?: string;
  sort?: boolean;
}

/** Arquero reads a plain column name among pivot values as op.any(column). */
function valueExprs(table: Table, values: unknown): Record<string, unknown> {
  if (values && typeof values === 'object' && !Array.isArray(values)) return values as Record<string, unknown>;
  const names = [...resolveSelection(table, values, 'pivot').keys()];
  assertColumns(table, names, 'pivot');
  return Object.fromEntries(names.map((n) => [n, `op.any(d[${JSON.stringify(n)}])`]));
}

/** SQL that is true where the row's key columns hold these values. */
function keyCondition(columns: string[], values: unknown[]): string {
  return columns.map((c, i) => {
    const v = typeof values[i] === 'bigint' ? Number(values[i]) : values[i];
    if (v == null) return `${quoteIdent(c)} IS NULL`;
    const literal = sqlLiteral(v);
    if (!literal) throw new FlinkFrameError(`pivot: the key value ${String(v)} of "${c}" cannot be compared in SQL.`);
    return `${quoteIdent(c)} = ${literal.sql}`;
  }).join(' AND ');
}

/**
 * Arquero's pivot: one output column per distinct key value (per value expression), one row per group. The key
 * values become column names, so they are read first by a pre-query (a small Flink job at the call). Then each
 * (group, key) is aggregated, and a second aggregation spreads the keys into columns.
 */
export function pivot(table: Table, on: unknown, values: unknown, options: PivotOptions = {}): Table {
  const onColumns = [...resolveSelection(table, on, 'pivot').keys()];
  assertColumns(table, onColumns, 'pivot');
  if (!onColumns.length) throw new FlinkFrameError('pivot: give at least one key column to pivot on.');
  const exprs = valueExprs(table, values);
  const groups = [...table.state.groups];
  const ksep = options.keySeparator ?? '_';
  const vsep = options.valueSeparator ?? '_';

  // pre-query: the distinct keys, sorted and named as Arquero does (Array.prototype.sort of the key values)
  const rows = preQuery(dedupe(select(table.ungroup(), [onColumns]), []), 'pivot');
  const keys = rows.map((row) => {
    const parts = onColumns.map((c) => row[c]);
    return { parts, name: parts.length === 1 ? parts[0] : parts.join(ksep) };
  });
  if (options.sort ?? true) {
    const order = keys.map((k) => k.name).sort();
    keys.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  }
  const chosen = Number(options.limit) > 0 ? keys.slice(0, Math.floor(Number(options.limit))) : keys;

  const valueNames = Object.keys(exprs);
  const hiddenNames = valueNames.map((_, i) => `__ff_pivot_${i}`);
  const perKey = rollup(
    table.with({ groups: [...new Set([...groups, ...onColumns])] }),
    Object.fromEntries(valueNames.map((name, i) => [hiddenNames[i], exprs[name]])),
  );
  const columns: NamedSql[] = valueNames.flatMap((name, i) =>
    chosen.map((key) => ({
      name: valueNames.length > 1 ? `${name}${vsep}${String(key.name)}` : String(key.name),
      sql: `MAX(CASE WHEN ${keyCondition(onColumns, key.parts)} THEN ${quoteIdent(hiddenNames[i]!)} END)`,
    })),
  );
  if (!groups.length && !columns.length) throw new FlinkFrameError('pivot: the table has no key values to pivot on (it is empty).');
  // with a row ordinal, each group keeps its first row's (groups in first-appearance order)
  const [ordinal] = perKey.state.ordinal ?? [];
  if (ordinal) columns.push({ name: ordinal, sql: `MIN(${quoteIdent(ordinal)})` });
  return table.with({
    node: {
      kind: 'aggregate',
      input: perKey.state.node,
      groups,
      values: columns,
      label: `pivot(${describe(on)}, ${describe(values)}) [pre-query: ${chosen.length} distinct key value(s) became columns]`,
    },
    groups: [],
    groupColumns: {},
    order: [],
    ordinal: ordinal ? [ordinal] : [],
  });
}
