import * as aq from 'arquero';
import { FlinkFrameError } from '../../errors.js';
import { toSql } from '../../translate/plan-sql.js';
import { preQuery } from '../pre-query.js';
import type { Table } from '../table.js';

/** What Arquero's reduce verb calls on a reducer (arquero/src/verbs/reduce/reducer.js). */
export interface ReducerLike {
  outputs(): string[];
  init(columns: unknown): unknown;
  add(state: unknown, row: number, data: unknown): void;
  write(state: unknown, values: unknown, index: number): number;
}

const isReducer = (value: unknown): value is ReducerLike =>
  value !== null && typeof value === 'object' && ['outputs', 'init', 'add', 'write'].every((m) => typeof (value as Record<string, unknown>)[m] === 'function');

/**
 * The reducer over each group of the collected rows (in their order; groups in first-appearance order), its
 * outputs written one group after another, each group's rows given its key values. (Arquero 8.0.3 writes
 * group i at the row count of group i - 1 instead of after all the rows before it, so from the third group on
 * its groups overwrite each other; the rows here are the ones its reducers mean.)
 */
export function reduced(local: aq.ColumnTable, groups: string[], reducer: ReducerLike): Record<string, unknown[]> {
  const data = local.data() as Record<string, { at(row: number): unknown }>;
  const outputs = reducer.outputs();
  const values: Record<string, unknown[]> = Object.fromEntries(outputs.map((name) => [name, []]));
  const keys: Record<string, unknown[]> = Object.fromEntries(groups.map((name) => [name, []]));
  const parts = groups.length
    ? (local.groupby(...groups) as unknown as { partitions(ordered: boolean): ArrayLike<number>[] }).partitions(true)
    : [Array.from({ length: local.numRows() }, (_, i) => i)];
  let offset = 0;
  for (const rows of parts) {
    const state = reducer.init(data);
    for (let i = 0; i < rows.length; i++) reducer.add(state, rows[i]!, data);
    const written = reducer.write(state, values, offset);
    for (const name of groups) for (let i = 0; i < written; i++) keys[name]!.push(data[name]!.at(rows[0]!));
    offset += written;
  }
  for (const name of outputs) values[name]!.length = offset;
  return { ...keys, ...values };
}

/**
 * Arquero's reduce: a reducer object (init/add/write, any number of output rows per group) over each group.
 * A reducer is JavaScript state with closures, which cannot travel to Flink's UDF workers, so the table is
 * computed on Flink and collected at the call (a pre-query, shown in explain()), the reducer runs in this
 * process over each group, and its output becomes an in-memory table of the session: fine for the
 * small results reducers make, not for reducing a large table (use rollup or an aggregate UDF there).
 */
export function reduce(table: Table, reducer: unknown): Table {
  if (!isReducer(reducer)) {
    throw new FlinkFrameError('reduce: give an Arquero reducer object (with outputs(), init(), add() and write() methods); for aggregates use rollup().');
  }
  const session = table.state.session;
  if (session.engine.mode === 'streaming') {
    throw new FlinkFrameError('reduce: the reducer runs on the collected table, which needs a batch session; run it in session({ mode: \'batch\' }).');
  }
  const names = table.columnNames();
  const local = aq.from(preQuery(table, 'reduce'), names);
  const out = session.table(reduced(local, [...table.groups()], reducer));
  return out.with({
    node: { kind: 'query', sql: `SELECT * FROM (${toSql(out.state.node)}) AS t`, inputs: [out.state.node], label: `reduce(${reducer.constructor?.name ?? 'reducer'}) [pre-query: the table collected, the reducer run in this process]` },
  });
}
