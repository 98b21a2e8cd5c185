import * as aq from 'arquero';
import { FlinkFrameError } from '../errors.js';
import { collectIpcSync } from '../runtime/collect-sync.js';
import { finalQuery } from './final-query.js';
import type { Table } from './table.js';

/**
 * Runs a table's plan now, as a small Flink job, and returns its rows: a pre-query, for verbs whose output
 * schema depends on the data (pivot's key values, spread's array lengths). explain() shows it in the verb's label.
 */
export function preQuery(table: Table, verb: string): Record<string, unknown>[] {
  const session = table.state.session;
  if (session.engine.mode === 'streaming') {
    // an unbounded source would never let the pre-query finish, and verbs cannot wait asynchronously
    throw new FlinkFrameError(`${verb}: its output columns come from the data (a pre-query), which needs a batch session; run it in session({ mode: 'batch' }).`);
  }
  const { sql, schema } = finalQuery(table);
  session.prepare(table.state.node);
  const chunks = collectIpcSync(session.engine, sql, schema, session.tablesRead(table.state.node));
  return chunks.flatMap((bytes) => aq.fromArrow(bytes).objects() as Record<string, unknown>[]);
}
