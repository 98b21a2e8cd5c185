import { closeSync, openSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import { FlinkFrameError } from '../../errors.js';
import { encodeColumns, hasNoValues, type EncodedTable } from '../../runtime/arrow-encode.js';
import { createTableDdl } from '../../runtime/ddl.js';
import type { SourceNode } from '../../translate/plan.js';
import type { Session } from '../session.js';
import { ROW_ORDINAL } from '../frame-state.js';

const ordinals = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

export type ColumnData = Record<string, ArrayLike<unknown>> | Map<string, ArrayLike<unknown>> | [string, ArrayLike<unknown>][];

/**
 * A source whose rows live in this process: its Arrow IPC bytes are written to a file in the session's work
 * dir when Flink first needs the table, and read there by the flinkframe-arrow format.
 */
export function ipcSource(session: Session, encoded: EncodedTable, label: string): SourceNode {
  const table = session.sourceName('memory');
  let chunks: Uint8Array[] | undefined = encoded.chunks;
  return {
    kind: 'source',
    table,
    schema: encoded.schema,
    label: `${label} [${encoded.rows} rows × ${encoded.schema.length} columns]`,
    register: () => {
      const engine = session.engine;
      const dir = engine.workdir.fresh('source');
      writeChunks(join(dir, 'data.arrows'), chunks!);
      chunks = undefined; // the file holds them now
      engine.execute(createTableDdl(table, encoded.schema, {
        connector: 'filesystem',
        path: engine.fileUri(dir),
        format: 'flinkframe-arrow',
      }));
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
  const node = ipcSource(session, encodeColumns(entries, types), 'table()');
  return untyped.length ? { ...node, untyped } : node;
}

/** One writev per 1024 chunks (the system's limit per call), no joined copy of the stream. */
function writeChunks(path: string, chunks: Uint8Array[]): void {
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; i < chunks.length; i += 1024) {
      const part = chunks.slice(i, i + 1024);
      let left = part.reduce((n, c) => n + c.byteLength, 0);
      let written = writevSync(fd, part);
      while (written < left) {
        // a short write: finish this part chunk by chunk from where it stopped
        left -= written;
        const rest = Buffer.concat(part).subarray(-left);
        written = writevSync(fd, [rest]);
      }
    }
  } finally {
    closeSync(fd);
  }
}
