/**
 * Where a table's group keys live. Arquero's groups keep the keys they were made from: a key computed by a lambda
 * is no column of the table, and a select, rename or derive that drops, renames or replaces a group column
 * leaves the grouping as it was (count() still outputs it under its group name). flinkframe keeps such keys in
 * hidden columns (FrameState.groupColumns), so Flink still groups, partitions and rolls up by them.
 */
import { quoteIdent } from '../translate/sql-text.js';
import type { NamedSql } from '../translate/plan.js';
import { hiddenName, isHidden, type FrameState } from './frame-state.js';

type GroupState = Pick<FrameState, 'groups' | 'groupColumns'>;

/** A fresh name for a hidden group column. */
export const groupColumnName = () => hiddenName('g');

/** The column holding one group's keys. */
export const groupColumn = (state: GroupState, group: string): string => state.groupColumns?.[group] ?? group;

/** The columns holding the table's group keys, in group order (what Flink groups and partitions by). */
export const groupColumns = (state: GroupState): string[] => state.groups.map((g) => groupColumn(state, g));

/** The hidden columns among them: verbs that rebuild the column list must carry these along. */
export const hiddenGroupColumns = (state: GroupState): string[] => groupColumns(state).filter(isHidden);

/**
 * For a projection to `columns`: a visible group column it does not pass through unchanged under its name
 * (dropped, renamed or replaced) is copied into a hidden column, which the grouping then reads.
 */
export function keepGroupColumns(state: GroupState, columns: readonly NamedSql[]): { kept: NamedSql[]; groupColumns?: Record<string, string> } {
  const kept: NamedSql[] = [];
  const mapping = { ...state.groupColumns };
  for (const group of state.groups) {
    const column = groupColumn(state, group);
    if (isHidden(column)) continue;
    if (columns.some((c) => c.name === column && c.sql === quoteIdent(column))) continue;
    const copy = { name: groupColumnName(), sql: quoteIdent(column) };
    kept.push(copy);
    mapping[group] = copy.name;
  }
  return kept.length ? { kept, groupColumns: mapping } : { kept };
}
