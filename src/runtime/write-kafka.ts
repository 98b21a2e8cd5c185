import type { Schema } from '../translate/schema.js';
import { quoteIdent } from '../translate/sql-text.js';
import { createTableDdl, dropTableDdl } from './ddl.js';
import type { Engine } from './engine.js';

let sinks = 0;

/** Runs a query into a Kafka topic (append-only; the connector options come from the frame layer). */
export async function writeKafka(engine: Engine, query: string, schema: Schema, options: Record<string, string>): Promise<void> {
  const sink = `__ff_kafka_${++sinks}`;
  engine.execute(createTableDdl(sink, schema, options));
  try {
    await engine.run(`INSERT INTO ${quoteIdent(sink)}\n${query}`, query);
  } finally {
    engine.execute(dropTableDdl(sink));
  }
}
