import { FlinkFrameError } from '../../errors.js';
import type { Table } from '../table.js';

/**
 * Arquero's assign puts another table's columns beside this one's, row i next to row i. Flink tables have no
 * row positions (rows are read and computed in parallel), and numbering both sides with ROW_NUMBER() pairs rows
 * in an order neither table promises: the result would look right and be wrong. So assign is refused, with the
 * faithful alternative.
 */
export function assign(table: Table, others: unknown[]): Table {
  void table;
  void others;
  throw new FlinkFrameError(
    'assign: pairing rows by position is not supported on Flink, where tables have no row positions. ' +
      'Give both tables a key column and join on it instead: t.join(other, "id") (or lookup(other, "id", ...columns)).',
  );
}
