/**
 * orderby(collate(expr, locale | comparator, options)): Arquero sorts by a comparator (an Intl.Collator's, or
 * the user's). Flink SQL has no collations, but a comparator only needs the values: a pre-query reads the
 * key's distinct values, Node sorts them with the comparator, and the query sorts by each value's rank
 * (values the comparator finds equal share one). Nulls come first, as in Arquero's collated compare.
 */
import { FlinkFrameError } from '../../errors.js';
import { sqlLiteral } from '../../translate/expr-literal.js';
import { preQuery } from '../pre-query.js';
import type { Table } from '../table.js';

/** A CASE with one branch per value: beyond this many, the query gets too large for Flink's code generator. */
export const MAX_COLLATED_VALUES = 1000;

export type Comparator = (a: unknown, b: unknown) => number;

/** The SQL of the key's rank under the comparator: 0 for null, then 1, 2, ... in the comparator's order. */
export function collatedRank(table: Table, key: string | ((...args: never[]) => unknown), keySql: string, compare: Comparator, label: string): string {
  if (typeof compare !== 'function') throw new FlinkFrameError(`orderby: ${label} has a collation that is not a comparator function; use collate(expr, locale, options) or collate(expr, (a, b) => number).`);
  const keyed = typeof key === 'string'
    ? table.ungroup().unorder().select({ [key]: 'k' })
    : table.ungroup().unorder().derive({ k: key as never }).select('k');
  const values = preQuery(keyed.dedupe(), 'orderby').map((row) => row.k).filter((v) => v !== null && v !== undefined);
  if (values.length > MAX_COLLATED_VALUES) {
    throw new FlinkFrameError(`orderby: ${label} collates ${values.length} distinct values; flinkframe sorts by a comparator through a table of at most ${MAX_COLLATED_VALUES} values. Sort without collate, or derive a sort key first.`);
  }
  values.sort(compare);
  const branches: string[] = [];
  let rank = 0;
  values.forEach((value, i) => {
    if (i === 0 || compare(values[i - 1], value) !== 0) rank += 1;
    const literal = sqlLiteral(value);
    if (!literal) throw new FlinkFrameError(`orderby: ${label} collates a value (${String(value)}) that has no Flink SQL literal form.`);
    branches.push(`WHEN ${literal.sql} THEN ${rank}`);
  });
  return branches.length ? `CASE ${keySql} ${branches.join(' ')} ELSE 0 END` : '0';
}
