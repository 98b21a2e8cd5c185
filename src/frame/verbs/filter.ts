import { FlinkFrameError } from '../../errors.js';
import { translateExpr } from '../../translate/expression.js';
import { asPredicate } from '../../translate/predicate.js';
import type { Table } from '../table.js';
import { describe } from './project.js';

export function filter(table: Table, predicate: unknown): Table {
  const expr = translateExpr('filter', predicate, table.scope('filter'));
  if (expr.kind !== 'scalar') {
    throw new FlinkFrameError(
      `filter: the predicate ${describe(predicate)} uses an aggregate, which flinkframe cannot filter on yet. ` +
        'Compute it with groupby().rollup() and join it back, then filter on the joined column.',
    );
  }
  return table.with({
    node: { kind: 'filter', input: table.state.node, predicate: asPredicate(expr), label: `filter(${describe(predicate)})` },
  });
}
