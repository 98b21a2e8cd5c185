import { FlinkFrameError } from '../../errors.js';
import { BATCH_ROWS, columnsEncoder, hasNoValues, type ColumnsEncoder } from '../../runtime/arrow-encode.js';
import { createTableDdl } from '../../runtime/ddl.js';
import type { SourceNode } from '../../translate/plan.js';
import type { Engine } from '../../runtime/engine.js';
import type { Session } from '../session.js';
import { ROW_ORDINAL } from '../frame-state.js';

const ordinals = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

export type ColumnData = Record<string, ArrayLike<unknown>> | Map<string, ArrayLike<unknown>> | [string, ArrayLike<unknown>][];

/** An Arrow IPC stream made when it is read: its schema is known at once, its bytes later. */
export type IpcStream = Pick<ColumnsEncoder, 'schema' | 'rows' | 'messages'>;

/**
 * Releases an in-memory table once no plan can read it any more. The target is the table's stream object: only
 * its source node's register closure holds it (copies of the node share the closure), so it lives as long as a
 * frame or a registered view has the node in its plan. The serving thread's splits hold the columns themselves.
 */
const unreadable = new FinalizationRegistry<{ engine: Engine; table: string; dir: string }>(({ engine, table, dir }) => engine.releaseSource(table, dir));

/**
 * A source whose rows live in this process. When Flink first needs the table, a folder of stand-in files, one per
 * split, is registered in the session's work dir (format flinkframe-arrow): each names where this process serves
 * its split (src/runtime/source-server.ts). Every job that reads the table has its Arrow IPC stream encoded from
 * the columns while it reads, batch by batch; nothing else holds a copy of the rows.
 */
export function ipcSource(session: Session, stream: IpcStream, label: string, parallel = true): SourceNode {
  const table = session.sourceName('memory');
  return {
    kind: 'source',
    table,
    schema: stream.schema,
    label: `${label} [${stream.rows} rows × ${stream.schema.length} columns]`,
    register: () => {
      const engine = session.engine;
      const dir = engine.workdir.fresh('source');
      // one split per task slot when the stream's batches can be dealt out (an encoder's can, given bytes cannot),
      // as many as there are batches: a small table stays one split, read by one task
      const files = parallel ? Math.max(1, Math.min(engine.parallelism, Math.ceil(stream.rows / BATCH_ROWS))) : 1;
      engine.sourceServer().open(table, dir, files, stream.messages);
      engine.execute(createTableDdl(table, stream.schema, {
        connector: 'filesystem',
        path: engine.fileUri(dir),
        format: 'flinkframe-arrow',
      }));
      unreadable.register(stream, { engine, table, dir });
    },
  };
}

export function memorySource(session: Session, columns: ColumnData, names?: string[], types?: Record<string, string>): SourceNode {
  let entries: [string, ArrayLike<unknown>][] =
    columns instanceof Map ? [...columns] : Array.isArray(columns) ? columns : Object.entries(columns);
  if (names) entries = names.map((n) => [n, entries.find(([k]) => k === n)?.[1] ?? []]);
  const lengths = new Set(entries.map(([, v]) => v.length));
  if (lengths.size > 1) {
    const desc = entries.map(([k, v]) => `${k}: ${v.length}`).join(', ');
    throw new FlinkFrameError(`table(): all columns must have the same length (${desc}).`);
  }
  // Arquero's input order, kept as a hidden column when the session asks for it (src/frame/row-order.ts)
  if (session.options.rowOrder === 'arquero') entries = [...entries, [ROW_ORDINAL, ordinals(entries[0]?.[1].length ?? 0)]];
  // a column with no values has no type to infer: Flink stores it as STRING, expressions read it as typed nulls
  const untyped = entries.filter(([name, values]) => types?.[name] === undefined && hasNoValues(values)).map(([name]) => name);
  const node = ipcSource(session, columnsEncoder(entries, types), 'table()');
  return untyped.length ? { ...node, untyped } : node;
}
