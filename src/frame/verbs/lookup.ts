import { FlinkFrameError } from '../../errors.js';
import { quoteIdent } from '../../translate/sql-text.js';
import { isHidden } from '../frame-state.js';
import type { NamedSql } from '../../translate/plan.js';
import { assertColumns, resolveSelection } from '../selection.js';
import type { Table } from '../table.js';
import { dedupe } from './dedupe.js';
import { keyPairs } from './join.js';
import { describe } from './project.js';
import { deriveSelectionExprs } from '../selection-exprs.js';

/**
 * Arquero's lookup: every left row, with values from the matching right row (null when none matches; null keys
 * never match). A value named like a left column replaces it in place. Left groups and order are kept.
 * Difference: when several right rows share a key, Arquero takes the last; Flink's tables have no such order,
 * so flinkframe takes one of them (docs/semantics.md).
 */
export function lookup(left: Table, right0: Table, on: unknown, values0: unknown[]): Table {
  if (left.state.session !== right0.state.session) throw new FlinkFrameError('lookup: both tables must belong to the same session.');
  // values given as expressions over the right table ({ v: d => d.v - op.mean(d.v) }) are derived on it first
  const { table: right, selection } = deriveSelectionExprs(right0, values0, 'lookup', { aggregates: true });
  const values = selection as unknown[];
  const pairs = keyPairs(left, right, on, 'lookup');
  assertColumns(left, pairs.map((p) => p[0]), 'lookup');
  assertColumns(right, pairs.map((p) => p[1]), 'lookup');
  const leftNames = left.columnNames();
  const wanted = values.flat().length
    ? [...resolveSelection(right, values.flat(), 'lookup')]
    : right.columnNames().filter((n) => !leftNames.includes(n)).map((n) => [n, n] as [string, string]);
  assertColumns(right, wanted.map(([from]) => from).filter((n) => !isHidden(n)), 'lookup');
  const byName = new Map(wanted.map(([from, to]) => [to, `r.${quoteIdent(from)}`]));

  const columns: NamedSql[] = [
    ...left.fullSchema().map((f) => ({ name: f.name, sql: byName.get(f.name) ?? `l.${quoteIdent(f.name)}` })),
    ...[...byName].filter(([name]) => !leftNames.includes(name) && !isHidden(name)).map(([name, sql]) => ({ name, sql })),
  ];
  const oneRowPerKey = dedupe(right, [pairs.map((p) => p[1])]);
  return left.with({
    node: {
      kind: 'join',
      left: left.state.node,
      right: oneRowPerKey.state.node,
      how: 'left',
      on: pairs,
      columns,
      label: `lookup(<table>, ${describe(on)}${values.length ? ', ' + values.map(describe).join(', ') : ''})`,
    },
  });
}
