import type { OrderKey, PlanNode } from '../translate/plan.js';
import type { Session } from './session.js';
import type { WindowState } from './verbs/window.js';

/** Everything a lazy Table is: the plan so far, plus Arquero's grouping, ordering and parameters. */
export interface FrameState {
  readonly session: Session;
  readonly node: PlanNode;
  /** Group-by column names (set by groupby, used by rollup/count, cleared by ungroup). */
  readonly groups: readonly string[];
  /**
   * The plan column holding a group's keys, for groups not held by the visible column of their name: a key
   * computed by a lambda, or a group column a later select/rename/derive dropped, renamed or replaced. Those
   * are hidden columns, so the grouping keeps its keys as Arquero's does (see group-columns.ts).
   */
  readonly groupColumns?: Readonly<Record<string, string>>;
  /** Sort keys, by column name (visible or hidden, see HIDDEN_PREFIX); applied by the final query. */
  readonly order: readonly OrderKey[];
  readonly params: Readonly<Record<string, unknown>>;
  /** Set by window(): groupby keeps the window bounds as its first keys. */
  readonly window?: WindowState;
  /**
   * With rowOrder: 'arquero', the hidden columns that hold each row's position (compared in turn, ascending):
   * the input order Arquero keeps without orderby, and the tie-break of its stable sort. Empty (or absent) otherwise.
   */
  readonly ordinal?: readonly string[];
}

/**
 * Columns the user does not see: orderby keys computed from lambdas, and sort keys a later select dropped.
 * They ride along so the final query can sort by them. (A hidden copy of a column that is also selected
 * would make Flink's planner drop the sort, so plain-column keys are referenced by name instead.)
 */
export const HIDDEN_PREFIX = '__ff_';

let hiddenColumns = 0;

/** A fresh name for a hidden column: `what` says what it holds, a counter keeps names apart. */
export const hiddenName = (what: string) => `${HIDDEN_PREFIX}${what}${++hiddenColumns}`;

/** The row ordinal an in-memory source gets in a session with rowOrder: 'arquero'. */
export const ROW_ORDINAL = `${HIDDEN_PREFIX}row`;

export const isHidden = (name: string) => name.startsWith(HIDDEN_PREFIX);
