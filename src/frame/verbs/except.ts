import { assertColumns } from '../selection.js';
import type { Table } from '../table.js';
import { dedupe } from './dedupe.js';
import { antijoin } from './join-filter.js';
import { select } from './select.js';

/**
 * Arquero's except: distinct rows of this table found in none of the others (compared on this table's columns).
 * As in Arquero, a row with a null never matches, so it is kept.
 */
export function except(table: Table, others: Table[]): Table {
  if (!others.length) return table;
  const names = table.columnNames();
  const kept = others.reduce((acc, other) => {
    assertColumns(other, names, 'except');
    return antijoin(acc, select(other, [names]), [names, names]);
  }, table);
  return dedupe(kept, []);
}
