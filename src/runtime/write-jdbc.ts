import { FlinkFrameError } from '../errors.js';
import type { Schema } from '../translate/schema.js';
import { quoteIdent } from '../translate/sql-text.js';
import { createTableDdl, dropTableDdl } from './ddl.js';
import type { Engine } from './engine.js';

export interface JdbcTarget {
  /** e.g. 'jdbc:postgresql://127.0.0.1:5432/shop' */
  url: string;
  /** The database table, which must exist with matching columns. */
  table: string;
  username?: string;
  password?: string;
  /** Upsert on these key columns (the table needs a primary key or unique constraint on them); else append. */
  keys?: string[];
  /** Rows per batch INSERT (default 5000). */
  batchSize?: number;
}

let sinks = 0;

/**
 * Runs a query into a database table through Flink's JDBC connector: appended, or upserted on keys (then Flink
 * writes INSERT ... ON CONFLICT DO UPDATE, so a re-run or a restarted job leaves each key once).
 */
export async function writeJdbc(engine: Engine, query: string, schema: Schema, target: JdbcTarget): Promise<void> {
  const keys = target.keys ?? [];
  const missing = keys.filter((k) => !schema.some((f) => f.name === k));
  if (missing.length) {
    throw new FlinkFrameError(`writeJDBC: key column ${missing.map((k) => `"${k}"`).join(', ')} is not in the frame; its columns are ${schema.map((f) => f.name).join(', ')}.`);
  }
  if (!/^jdbc:\w+:/.test(target.url)) {
    throw new FlinkFrameError(`writeJDBC: "${target.url}" is not a JDBC URL; write e.g. jdbc:postgresql://127.0.0.1:5432/mydb.`);
  }
  const sink = `__ff_jdbc_${++sinks}`;
  engine.execute(createTableDdl(sink, schema, {
    connector: 'jdbc',
    url: target.url,
    'table-name': target.table,
    // Flink takes both or neither
    ...(target.username !== undefined ? { username: target.username, password: target.password ?? '' } : {}),
    'sink.buffer-flush.max-rows': String(target.batchSize ?? 5000),
  }, keys.length ? `PRIMARY KEY (${keys.map(quoteIdent).join(', ')}) NOT ENFORCED` : undefined));
  try {
    await engine.run(`INSERT INTO ${quoteIdent(sink)}\n${query}`, query);
  } finally {
    engine.execute(dropTableDdl(sink));
  }
}
