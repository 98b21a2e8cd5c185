import { FlinkFrameError } from '../../errors.js';
import { translatePredicate } from '../../translate/expression.js';
import type { Table } from '../table.js';
import { describe } from './project.js';

export function filter(table: Table, predicate: unknown): Table {
  const condition = translatePredicate(predicate, table.scope('filter'));
  if (condition.kind !== 'scalar') {
    throw new FlinkFrameError(
      `filter: the predicate ${describe(predicate)} uses an aggregate, which flinkframe cannot filter on yet. ` +
        'Compute it with groupby().rollup() and join it back, then filter on the joined column.',
    );
  }
  return table.with({
    node: { kind: 'filter', input: table.state.node, predicate: condition.sql, label: `filter(${describe(predicate)})` },
  });
}
