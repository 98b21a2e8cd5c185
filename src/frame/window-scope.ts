import type { ExprScope, WindowScope } from '../translate/expression.js';
import type { Table } from './table.js';
import { ordinalColumns } from './row-order.js';
import { groupColumns } from './group-columns.js';

/**
 * Arquero's rolling(expr, frame, includePeers) wraps the expression in an object { expr, window: { frame,
 * peers } } (arquero/src/helpers/rolling.js); the frame's entries are row offsets, read as absolute values,
 * and a non-finite entry is unbounded (arquero/src/verbs/window/window.js).
 */
interface RollingWrapper {
  expr: unknown;
  window: { frame?: unknown[] | null; peers?: boolean };
}

function isRolling(value: unknown): value is RollingWrapper {
  return typeof value === 'object' && value !== null && 'expr' in value && typeof (value as { window?: unknown }).window === 'object';
}

const offset = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.abs(v) : null);

/** An expression with its rolling frame taken off (undefined when it is not wrapped by rolling()). */
export function unwrapRolling(value: unknown): { expr: unknown; frame?: WindowScope['frame'] } {
  if (!isRolling(value)) return { expr: value };
  const [before, after] = value.window.frame ?? [-Infinity, 0];
  return { expr: value.expr, frame: { before: offset(before), after: offset(after), peers: !!value.window.peers } };
}

/**
 * The scope of a derive or filter expression: window functions and aggregates are computed per row, over
 * the table's groups (partitions) in the table's order. `before` collects the window values the verb computes in a
 * step first (window-pre-steps.ts); with `hoist`, every window value goes there.
 */
export function windowScope(table: Table, verb: string, frame?: WindowScope['frame'], before?: Map<string, string>, hoist?: boolean): ExprScope {
  // with a row ordinal (rowOrder: 'arquero') rows are in input order without orderby, and it breaks ties of
  // orderby keys for row positions (lag, row_number, ROWS frames) but not for ranks, which see ties
  const ordinal = ordinalColumns(table).map((column) => ({ column, desc: false }));
  const order = table.state.order.length ? [...table.state.order] : ordinal;
  const tiebreak = table.state.order.length ? ordinal : [];
  return { ...table.scope(verb), window: { partition: groupColumns(table.state), order, tiebreak, frame, before, hoist } };
}
