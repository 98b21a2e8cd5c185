import * as aq from 'arquero';
import { Table as ArrowTable, tableToIPC, type RecordBatch } from 'apache-arrow';
import { FlinkFrameError } from '../errors.js';
import { CHANGE_KINDS, KIND_COLUMN, streamBatches, type ChangeKind } from '../runtime/stream-results.js';
import { inputsOf, isUnbounded, type PlanNode } from '../translate/plan.js';
import { finalQuery } from './final-query.js';
import type { Table } from './table.js';
import { withJsValues } from '../runtime/collect-nested.js';

export interface Change {
  kind: ChangeKind;
  row: Record<string, unknown>;
}

export interface StreamOptions {
  /** Yield Arrow record batches (with a `__ff_kind` Int8 column: 0 insert, 1 update-before, 2 update-after, 3 delete) instead of one change per row. */
  arrow?: boolean;
  /** A partial batch is sent after this many ms (default 200): the latency of a slow stream. */
  batchMs?: number;
}

function batchesOf(table: Table, options: StreamOptions, limit?: { limit?: number; offset?: number }) {
  const { sql, schema } = finalQuery(table, limit);
  const session = table.state.session;
  session.prepare(table.state.node);
  return streamBatches(session.engine, sql, schema, { batchMs: options.batchMs });
}

/** Rows as Arquero sees them (numbers for BIGINT, Dates for timestamps, JS arrays and objects), by way of the IPC bytes. */
function rowsOf(batch: RecordBatch): Record<string, unknown>[] {
  return withJsValues(aq.fromArrow(tableToIPC(new ArrowTable(batch), 'stream'))).objects() as Record<string, unknown>[];
}

/** The changes of a query as they happen: for unbounded sources, or to see results before a job ends. */
export async function* stream(table: Table, options: StreamOptions = {}): AsyncGenerator<Change | RecordBatch> {
  for await (const batch of batchesOf(table, options)) {
    if (options.arrow) {
      yield batch;
      continue;
    }
    for (const row of rowsOf(batch)) {
      const kind = CHANGE_KINDS[row[KIND_COLUMN] as number]!;
      delete row[KIND_COLUMN];
      yield { kind, row };
    }
  }
}

/** The limit a result of an unbounded frame needs, or the error that says how to get one. */
export function limitOfUnbounded(table: Table, options: { limit?: number }, materializer: string): number | undefined {
  if (!isUnbounded(table.state.node)) return undefined;
  const node = table.state.node;
  const limit = options.limit ?? (node.kind === 'limit' && node.limit !== null ? node.limit : undefined);
  if (limit === undefined) {
    throw new FlinkFrameError(
      `${materializer}: this frame reads an unbounded source (${unboundedSources(table.state.node).join(', ')}), so the result would never be complete. ` +
        'Consume it with `for await (const change of frame.stream())`, or take the first rows with head(n) / objects({ limit: n }).',
    );
  }
  return limit;
}

/** The labels of the unbounded sources a plan reads. */
function unboundedSources(node: PlanNode): string[] {
  if (node.kind === 'source') return node.unbounded ? [node.label] : [];
  return inputsOf(node).flatMap(unboundedSources);
}

/** The first `limit` rows of an unbounded frame as IPC bytes; the job is cancelled as soon as they arrived. */
export async function firstRows(table: Table, limit: number, options: { offset?: number }): Promise<Uint8Array[]> {
  const batches: RecordBatch[] = [];
  let rows = 0;
  if (limit > 0) {
    for await (const batch of batchesOf(table, {}, { limit, offset: options.offset })) {
      const kinds = batch.getChild(KIND_COLUMN)!;
      for (let i = 0; i < batch.numRows; i++) {
        if (kinds.get(i) !== 0) {
          throw new FlinkFrameError('This query updates rows it already produced (an aggregate over an unbounded source): take its results with stream(), which yields every change.');
        }
      }
      batches.push(batch);
      rows += batch.numRows;
      if (rows >= limit) break;
    }
  }
  const names = table.columnNames();
  const result = batches.length ? new ArrowTable(batches).select(names).slice(0, limit) : undefined;
  return result ? [tableToIPC(result, 'stream')] : [];
}
