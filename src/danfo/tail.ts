import { FlinkFrameError } from '../errors.js';
import type { Table } from '../frame/table.js';

/**
 * The last n rows of an ordered table: the first n in the reversed order, shown in the table's order again.
 * Nulls stay where they were: Flink sorts them first ascending and last descending, so reversing mirrors them.
 */
export function tail(table: Table, n: number): Table {
  const order = table.state.order;
  if (!order.length) {
    throw new FlinkFrameError(
      `tail(${n}): the last rows need a row order, and a frame that is not sorted has none in Flink (it reads rows in parallel). ` +
        'Call sortValues(column) first; for some rows, use head(n).',
    );
  }
  const reversed = table.with({ order: order.map((key) => ({ ...key, desc: !key.desc })) }).slice(0, n);
  return reversed.with({ order: [...order] });
}
