import { openResultSink } from './collect.js';
import type { Schema } from '../translate/schema.js';
import type { Engine } from './engine.js';

/**
 * collectIpc, but blocking: a verb whose output columns depend on the data (pivot, spread) must know them when
 * it is called, and verbs are synchronous. Meant for small results (distinct keys, a maximum length). `tables`:
 * the Flink tables the query reads (at least), whose in-memory sources are encoded ahead of the job.
 */
export function collectIpcSync(engine: Engine, query: string, schema: Schema, tables: ReadonlySet<string>): Uint8Array[] {
  const sink = openResultSink(engine, schema, true);
  try {
    engine.runSync(sink.insert(query), query, tables);
    return sink.read();
  } finally {
    sink.close();
  }
}
