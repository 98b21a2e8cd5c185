import { assertColumns } from '../selection.js';
import type { Table } from '../table.js';
import { dedupe } from './dedupe.js';
import { filter } from './filter.js';
import { semijoin } from './join-filter.js';
import { select } from './select.js';

/**
 * Arquero's intersect: distinct rows of this table found in every other (compared on this table's columns, which
 * each other must have). As in Arquero, a row with a null never matches; with no others the result is empty.
 */
export function intersect(table: Table, others: Table[]): Table {
  const names = table.columnNames();
  if (!others.length) return filter(table, () => false);
  const kept = others.reduce((acc, other) => {
    assertColumns(other, names, 'intersect');
    return semijoin(acc, select(other, [names]), names.length ? [names, names] : undefined);
  }, table);
  return dedupe(kept, []);
}
