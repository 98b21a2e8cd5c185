import { FlinkFrameError } from '../../errors.js';
import { commonType } from '../../translate/expr-types.js';
import { quoteIdent, quoteString } from '../../translate/sql-text.js';
import { findField } from '../../translate/schema.js';
import type { PlanNode } from '../../translate/plan.js';
import { assertColumns, resolveSelection } from '../selection.js';
import type { Table } from '../table.js';
import { describe } from './project.js';
import { ordinalColumns, ordinalName } from '../row-order.js';
import { groupColumn, hiddenGroupColumns } from '../group-columns.js';
import { isHidden } from '../frame-state.js';

export interface FoldOptions {
  /** Names of the key and value columns; default ['key', 'value']. */
  as?: [string?, string?];
}

/**
 * Arquero's fold: each folded column becomes a row of (key = its name, value), the other columns repeated.
 * One SELECT per folded column, combined with UNION ALL. A SQL column has one type, so the folded columns must
 * share one (numbers widen to DOUBLE); Arquero's JS arrays mix anything. Rows come in no defined order.
 */
export function fold(table: Table, values: unknown, options: FoldOptions = {}): Table {
  const names = [...resolveSelection(table, values, 'fold').keys()];
  assertColumns(table, names, 'fold');
  if (!names.length) return table;
  const [key = 'key', value = 'value'] = options.as ?? [];
  const schema = table.schema();
  const types = names.map((n) => findField(schema, n)!.type);
  const type = commonType(types);
  if (type === undefined || type === 'NULL') {
    throw new FlinkFrameError(
      `fold: the columns ${names.map((n, i) => `"${n}" (${types[i]})`).join(', ')} have no common type for the "${value}" column; ` +
        'fold columns of one kind at a time, or convert them first with derive (e.g. d => op.string(d.x)).',
    );
  }
  const kept = table.columnNames().filter((n) => !names.includes(n));
  // Arquero emits each row's folded columns in turn: the ordinal gains the column's position
  const ordinal = ordinalColumns(table);
  const position = ordinal.length ? ordinalName('f') : null;
  const inputs: PlanNode[] = names.map((name, i) => ({
    kind: 'project',
    input: table.state.node,
    columns: [
      ...kept.map((n) => ({ name: n, sql: quoteIdent(n) })),
      { name: key, sql: `CAST(${quoteString(name)} AS STRING)` },
      { name: value, sql: `CAST(${quoteIdent(name)} AS ${type})` },
      ...[...ordinal, ...hiddenGroupColumns(table.state)].map((n) => ({ name: n, sql: quoteIdent(n) })),
      ...(position ? [{ name: position, sql: `CAST(${i} AS INT)` }] : []),
    ],
    label: `fold "${name}"`,
  }));
  const node: PlanNode = inputs.length === 1
    ? { ...inputs[0]!, label: `fold(${describe(values)})` }
    : { kind: 'setop', op: 'UNION ALL', inputs, label: `fold(${describe(values)})` };
  return table.with({ node, order: [], ordinal: position ? [...ordinal, position] : [], groups: table.state.groups.filter((g) => kept.includes(groupColumn(table.state, g)) || isHidden(groupColumn(table.state, g))) });
}
