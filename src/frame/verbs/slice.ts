import { FlinkFrameError } from '../../errors.js';
import type { Table } from '../table.js';

/**
 * Rows [start, end) in the table's order. From the start of the table this is a LIMIT, which Flink pushes
 * down into the scan; without an orderby, which rows is up to Flink (see docs/semantics.md).
 */
export function slice(table: Table, start = 0, end = Infinity): Table {
  if (start < 0 || end < 0) {
    throw new FlinkFrameError(
      `slice(${start}, ${end}): negative positions count from the end, which needs the row count first. ` +
        'Use orderby(desc(...)).slice(0, n) for the last rows, or await numRows() and pass positive positions.',
    );
  }
  if (table.isGrouped()) {
    throw new FlinkFrameError('slice on a grouped table (per-group slices) is not supported yet; ungroup() first.');
  }
  const limit = Number.isFinite(end) ? Math.max(0, end - start) : null;
  return table.with({
    node: {
      kind: 'limit',
      input: table.state.node,
      order: [...table.state.order],
      offset: start,
      limit,
      label: `slice(${start}${Number.isFinite(end) ? `, ${end}` : ''})`,
    },
  });
}
