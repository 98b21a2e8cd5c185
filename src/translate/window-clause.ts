/**
 * OVER clauses for window functions and per-row aggregates, from the table's groups (partitions), its sort
 * keys and a rolling() frame. Arquero's window frames (verbs/window/window-state.js) are row offsets around
 * the current row, always including it; without rolling() the frame is the whole partition.
 */
import type { WindowScope } from './expression.js';
import { quoteIdent } from './sql-text.js';

/** The shapes of OVER clause a window op's SQL template can ask for, by placeholder. */
export type WindowPlaceholder = 'ranked' | 'ordered' | 'whole' | 'frame' | 'running' | 'remaining' | 'peers' | 'upto';

/** Why a frame has no SQL form (the caller names the expression). */
export class FrameNotExpressible extends Error {}

const partitionBy = (names: readonly string[]) => (names.length ? `PARTITION BY ${names.map(quoteIdent).join(', ')}` : '');
const orderList = (keys: WindowScope['order']) =>
  keys.length ? `ORDER BY ${keys.map((k) => quoteIdent(k.column) + (k.desc ? ' DESC' : '')).join(', ')}` : '';
/** Row positions follow the sort keys and then the tie-break; ranks and peers see the sort keys only. */
const orderBy = (w: WindowScope) => orderList([...w.order, ...(w.tiebreak ?? [])]);
const peersOrder = (w: WindowScope) => orderList(w.order);
const over = (...parts: string[]) => ` OVER (${parts.filter(Boolean).join(' ')})`;

const preceding = (n: number | null) => (n === null ? 'UNBOUNDED PRECEDING' : n === 0 ? 'CURRENT ROW' : `${n} PRECEDING`);
const following = (n: number | null) => (n === null ? 'UNBOUNDED FOLLOWING' : n === 0 ? 'CURRENT ROW' : `${n} FOLLOWING`);

/**
 * The frame clause of a rolling() window. With includePeers, Arquero widens each bound to the current row's
 * ties; SQL's RANGE does that for CURRENT ROW and UNBOUNDED bounds only (RANGE n PRECEDING is a value
 * distance, not a row count), so peers with a finite offset are refused.
 */
export function frameClause(frame: NonNullable<WindowScope['frame']>): string {
  const { before, after, peers } = frame;
  if (peers && ((before !== null && before !== 0) || (after !== null && after !== 0))) {
    throw new FrameNotExpressible(
      `a rolling frame [${before ?? '-Infinity'}, ${after ?? 'Infinity'}] with includePeers: SQL widens a frame to ties (RANGE) only at bounds that are 0 or unbounded`,
    );
  }
  return `${peers ? 'RANGE' : 'ROWS'} BETWEEN ${preceding(before)} AND ${following(after)}`;
}

/** The whole partition as a frame (Arquero's default for aggregates and first/last value). */
const WHOLE = 'ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING';

/** The OVER clause for one placeholder of a window op's template. */
export function overClause(w: WindowScope, shape: WindowPlaceholder): string {
  const partition = partitionBy(w.partition);
  switch (shape) {
    case 'ranked': // ranking: ties share a rank
      return over(partition, peersOrder(w));
    case 'ordered': // row_number, lag, lead: SQL allows no frame on them
      return over(partition, orderBy(w));
    case 'whole':
      // With sort keys, the whole partition as an ordered frame: Flink 2.3's planner fails (IndexOutOfBounds)
      // on a query holding LAG/LEAD and an unordered window (OVER () or OVER (PARTITION BY ...)) beside it.
      return w.order.length ? over(partition, orderBy(w), WHOLE) : over(partition);
    case 'frame':
      return over(partition, w.frame?.peers ? peersOrder(w) : orderBy(w), w.frame ? frameClause(w.frame) : WHOLE);
    case 'running': // fill_down: the rows so far
      return over(partition, orderBy(w), 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW');
    case 'remaining': // fill_up: the rows from here on
      return over(partition, orderBy(w), 'ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING');
    case 'upto': // the rows so far and the current row's ties
      return over(partition, peersOrder(w), 'RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW');
    case 'peers': // the current row's ties: same group, same sort keys
      return over(partitionBy([...w.partition, ...w.order.map((k) => k.column)]));
  }
}

let steps = 0;

/**
 * The hidden column (quoted) that will hold a window value computed in a step before the expression that reads it
 * (WindowScope.before); the same SQL gives the same column. Null where the verb has no such step.
 */
export function stepColumn(w: WindowScope, sql: string): string | null {
  if (!w.before) return null;
  let name = w.before.get(sql);
  if (!name) w.before.set(sql, (name = `__ff_step${++steps}`));
  return quoteIdent(name);
}

/** An OVER clause over the table's groups ordered by a value (DENSE_RANK over the values: distinct counts). */
export function valueOrderedOver(w: WindowScope, value: string): string {
  return over(partitionBy(w.partition), `ORDER BY ${value}`);
}

/** An OVER clause over the rows of each group that share a value, in the table's order (first appearances). */
export function sameValueOver(w: WindowScope, value: string): string {
  const partition = [...w.partition.map(quoteIdent), value].join(', ');
  return over(`PARTITION BY ${partition}`, orderBy(w) || `ORDER BY ${value}`);
}

/** The OVER clause of an aggregate computed per row: the whole partition, or the rolling frame. */
export function aggregateOver(w: WindowScope): string {
  return w.frame ? overClause(w, 'frame') : overClause(w, 'whole');
}
