import { FlinkFrameError } from '../../errors.js';
import type { Table } from '../table.js';
import { assertColumns, resolveSelection } from '../selection.js';
import { quoteIdent } from '../../translate/sql-text.js';
import { describe, project } from './project.js';

export interface RelocateOptions {
  before?: unknown;
  after?: unknown;
}

/** Moves columns next to an anchor column, as Arquero does: before the first or after the last anchor. */
export function relocate(table: Table, columns: unknown, options: RelocateOptions = {}): Table {
  const { before, after } = options;
  if (before == null && after == null) throw new FlinkFrameError('relocate requires a before or after option.');
  if (before != null && after != null) throw new FlinkFrameError('relocate accepts only one of the before or after options.');
  const moved = resolveSelection(table, columns, 'relocate');
  const anchors = [...resolveSelection(table, before ?? after, 'relocate').keys()];
  assertColumns(table, [...moved.keys(), ...anchors], 'relocate');
  const anchor = before != null ? anchors[0] : anchors[anchors.length - 1];

  const out = new Map<string, string>();
  for (const name of table.columnNames()) {
    const stays = !moved.has(name);
    if (name === anchor) {
      if (after != null && stays) out.set(name, name);
      for (const [from, to] of moved) out.set(to, from);
      if (after != null) continue;
    }
    if (stays) out.set(name, name);
  }
  const projected = [...out].map(([name, from]) => ({ name, sql: quoteIdent(from) }));
  return project(table, projected, `relocate(${describe(columns)}, ${describe(options)})`);
}
