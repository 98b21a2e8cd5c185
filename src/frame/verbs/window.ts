import { FlinkFrameError } from '../../errors.js';
import { WINDOW_COLUMNS, windowSql, type WindowSpec } from '../../translate/window-tvf.js';
import { toSql } from '../../translate/plan-sql.js';
import type { PlanNode } from '../../translate/plan.js';
import type { Table } from '../table.js';

/** What groupby needs to know about a windowed table: the window, and the node to rebuild for session keys. */
export interface WindowState {
  spec: WindowSpec;
  input: Table;
  node: PlanNode;
}

function windowNode(input: Table, spec: WindowSpec, partition: string[]): PlanNode {
  const sql = windowSql(toSql(input.state.node), input.columnNames(), spec, partition, input.state.session.options.mode ?? 'batch');
  const by = partition.length ? ` per ${partition.join(', ')}` : '';
  return { kind: 'query', sql, inputs: [input.state.node], label: `window(${spec.kind} on ${spec.column}${by})` };
}

/**
 * Assigns each row to event-time windows (window_start, window_end, window_time columns); a following rollup,
 * with or without groupby, aggregates per window.
 */
export function window(table: Table, spec: WindowSpec): Table {
  const field = table.schema().find((f) => f.name === spec.column);
  if (!field) {
    throw new FlinkFrameError(`window: no column "${spec.column}"; the columns are ${table.columnNames().join(', ')}.`);
  }
  if (!/^TIMESTAMP/.test(field.type)) {
    throw new FlinkFrameError(`window: column "${spec.column}" is ${field.type}; windows need a TIMESTAMP or TIMESTAMP_LTZ column (derive one, e.g. with op.datetime).`);
  }
  const clash = WINDOW_COLUMNS.find((c) => table.columnNames().includes(c));
  if (clash) throw new FlinkFrameError(`window: the table already has a column "${clash}"; rename it first.`);
  const node = windowNode(table, spec, []);
  return table.with({ node, groups: ['window_start', 'window_end'], groupColumns: {}, order: [], ordinal: [], window: { spec, input: table, node } });
}

/** The groups of a groupby on a windowed table: the window bounds first; sessions are recomputed per key. */
export function windowedGroups(table: Table, names: string[]): Table | undefined {
  const windowed = table.state.window;
  const names0 = table.columnNames();
  if (!windowed || !names0.includes('window_start') || !names0.includes('window_end')) return undefined;
  const groups = ['window_start', 'window_end', ...names.filter((n) => !WINDOW_COLUMNS.includes(n))];
  if (windowed.spec.kind !== 'session' || !names.length) return table.with({ groups, groupColumns: {} });
  if (table.state.node !== windowed.node) {
    throw new FlinkFrameError('groupby: call groupby right after window(sessionWindow(...)): sessions are found per group, before other verbs.');
  }
  const node = windowNode(windowed.input, windowed.spec, names);
  return table.with({ node, groups, groupColumns: {}, window: { ...windowed, node } });
}
