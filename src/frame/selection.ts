import { FlinkFrameError } from '../errors.js';

/** What Arquero's selection helpers (all, not, range, matches, ...) need from a table. */
export interface ColumnLookup {
  columnNames(filter?: (name: string) => boolean): string[];
  columnIndex(name: string): number;
  columnName(index: number): string | undefined;
}

/**
 * Resolves an Arquero column selection — names, indices, arrays, helper functions, or { old: 'new' } objects —
 * to an ordered map from input column to output name.
 */
export function resolveSelection(table: ColumnLookup, selection: unknown, verb: string, map = new Map<string, string>()) {
  if (typeof selection === 'number') {
    const name = table.columnName(selection);
    if (name === undefined) throw new FlinkFrameError(`${verb}: there is no column at index ${selection}.`);
    map.set(name, name);
  } else if (typeof selection === 'string') {
    map.set(selection, selection);
  } else if (Array.isArray(selection)) {
    for (const item of selection) resolveSelection(table, item, verb, map);
  } else if (typeof selection === 'function') {
    resolveSelection(table, selection(table), verb, map);
  } else if (selection && typeof selection === 'object') {
    for (const [from, to] of Object.entries(selection)) map.set(from, String(to));
  } else {
    throw new FlinkFrameError(`${verb}: invalid column selection ${String(selection)}; use names, indices, all(), not(...) or range(...).`);
  }
  return map;
}

/** Throws the error Arquero users know for a column that does not exist, listing the ones that do. */
export function assertColumns(table: ColumnLookup, names: Iterable<string>, verb: string): void {
  const known = new Set(table.columnNames());
  for (const name of names) {
    if (!known.has(name)) {
      throw new FlinkFrameError(
        `${verb}: unrecognized column "${name}". Available columns: ${[...known].map((n) => `"${n}"`).join(', ')}.`,
      );
    }
  }
}
