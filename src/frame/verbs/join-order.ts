import { toSql } from '../../translate/plan-sql.js';
import type { NamedSql } from '../../translate/plan.js';
import { quoteIdent } from '../../translate/sql-text.js';
import { ordinalName, singleOrdinal } from '../row-order.js';
import type { Table } from '../table.js';

/**
 * The row ordinal of a join in Arquero's order (arquero/src/verbs/join.js): first the matched pairs, then the
 * left rows without a match, then the right rows without one. A key join scans the larger table (the left one
 * on a tie) and, for each of its rows in order, emits the matches of the other table in that table's order; a
 * predicate join scans the left table. Which table is larger is a count of each, as scalar subqueries.
 */
export function joinOrdinal(left: Table, right: Table, keyJoin: boolean): { left: Table; right: Table; columns: NamedSql[]; ordinal: string[] } | null {
  const l = singleOrdinal(left);
  const r = singleOrdinal(right);
  if (!l.column || !r.column) return null;
  const lo = `l.${quoteIdent(l.column)}`;
  const ro = `r.${quoteIdent(r.column)}`;
  const count = (t: Table) => `(SELECT COUNT(*) FROM (${toSql(t.state.node)}) AS c)`;
  const scanLeft = keyJoin ? `${count(l.table)} >= ${count(r.table)}` : 'TRUE';
  const [part, first, second] = [ordinalName('j'), ordinalName('j'), ordinalName('j')];
  return {
    left: l.table,
    right: r.table,
    columns: [
      { name: part, sql: `CASE WHEN ${lo} IS NULL THEN 2 WHEN ${ro} IS NULL THEN 1 ELSE 0 END` },
      { name: first, sql: `CAST(CASE WHEN ${lo} IS NULL THEN ${ro} WHEN ${ro} IS NULL THEN ${lo} WHEN ${scanLeft} THEN ${lo} ELSE ${ro} END AS BIGINT)` },
      { name: second, sql: `CAST(CASE WHEN ${lo} IS NULL OR ${ro} IS NULL THEN 0 WHEN ${scanLeft} THEN ${ro} ELSE ${lo} END AS BIGINT)` },
    ],
    ordinal: [part, first, second],
  };
}
