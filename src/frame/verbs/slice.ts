import { FlinkFrameError } from '../../errors.js';
import type { Table } from '../table.js';
import { filter } from './filter.js';
import { ordinalColumns, sortKeys } from '../row-order.js';

/**
 * Arquero's per-group slice is a filter on the row number within each group (arquero/src/helpers/slice.js);
 * negative positions count back from the group's size. An unordered table has no row numbers: its rows are
 * numbered by all their columns, so each group gives *some* rows, as an unordered slice does.
 */
function sliceGroups(table: Table, start: number, end: number): Table {
  const bound = (index: number) => (index < 0 ? `count() + ${index}` : String(index));
  const tests = [`${bound(start)} < row_number()`, ...(Number.isFinite(end) ? [`row_number() <= ${bound(end)}`] : [])];
  if (sortKeys(table).length) return filter(table, tests.join(' && '));
  const byColumns = table.with({ order: table.columnNames().map((column) => ({ column, desc: false })) });
  return filter(byColumns, tests.join(' && ')).with({ order: [] });
}

/**
 * Rows [start, end) in the table's order. From the start of the table this is a LIMIT, which Flink pushes
 * down into the scan; without an orderby, which rows is up to Flink (see docs/semantics.md).
 */
export function slice(table: Table, start = 0, end = Infinity): Table {
  // with a row ordinal, positions from the end are row numbers counted back from the table's size; so is a
  // start without an end (Flink ignores an OFFSET without a LIMIT)
  const fromEnd = start < 0 || end < 0 || (start > 0 && !Number.isFinite(end));
  if (table.isGrouped() || (fromEnd && ordinalColumns(table).length)) return sliceGroups(table, start, end);
  if (start < 0 || end < 0) {
    throw new FlinkFrameError(
      `slice(${start}, ${end}): negative positions count from the end, which needs the row count first. ` +
        'Use orderby(desc(...)).slice(0, n) for the last rows, or await numRows() and pass positive positions.',
    );
  }
  const limit = Number.isFinite(end) ? Math.max(0, end - start) : null;
  return table.with({
    node: {
      kind: 'limit',
      input: table.state.node,
      order: sortKeys(table),
      offset: start,
      limit,
      label: `slice(${start}${Number.isFinite(end) ? `, ${end}` : ''})`,
    },
  });
}
