import { FlinkFrameError } from '../../errors.js';
import { assertColumns, resolveSelection } from '../selection.js';
import type { Table } from '../table.js';
import { describe } from './project.js';

/** Arquero's unroll for array columns: one row per element (Flink's CROSS JOIN UNNEST). */
export function unroll(table: Table, values: unknown): Table {
  const columns = [...resolveSelection(table, values, 'unroll').keys()];
  assertColumns(table, columns, 'unroll');
  const schema = table.fullSchema();
  let result = table;
  for (const column of columns) {
    const type = schema.find((f) => f.name === column)!.type;
    if (!/^ARRAY</.test(type)) {
      throw new FlinkFrameError(`unroll: column "${column}" is ${type}, not an array; unroll takes array columns (e.g. from op.split).`);
    }
    result = result.with({
      node: { kind: 'unroll', input: result.state.node, column, columns: result.fullSchema().map((f) => f.name), label: `unroll(${describe(values)})` },
    });
  }
  return result;
}
