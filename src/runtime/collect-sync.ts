import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Schema } from '../translate/schema.js';
import { quoteIdent } from '../translate/sql-text.js';
import { emptyIpc } from './arrow-encode.js';
import { partFiles } from './collect.js';
import { createTableDdl, dropTableDdl } from './ddl.js';
import type { Engine } from './engine.js';

let results = 0;

/**
 * collectIpc, but blocking: a verb whose output columns depend on the data (pivot, spread) must know them when
 * it is called, and verbs are synchronous. Meant for small results (distinct keys, a maximum length).
 */
export function collectIpcSync(engine: Engine, query: string, schema: Schema): Uint8Array[] {
  const dir = engine.workdir.fresh('prequery');
  const sink = `__ff_prequery_${++results}`;
  engine.execute(createTableDdl(sink, schema, {
    connector: 'filesystem',
    path: engine.fileUri(dir),
    format: 'flinkframe-arrow',
    'sink.parallelism': '1',
  }));
  try {
    engine.runSync(`INSERT INTO ${quoteIdent(sink)}\n${query}`, query);
    const files = partFiles(dir).map((f) => new Uint8Array(readFileSync(join(dir, f))));
    return files.length ? files : [emptyIpc(schema)];
  } finally {
    engine.execute(dropTableDdl(sink));
    rmSync(dir, { recursive: true, force: true });
  }
}
