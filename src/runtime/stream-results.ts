import { createServer, type Socket } from 'node:net';
import { RecordBatchReader, type RecordBatch } from 'apache-arrow';
import type { Schema } from '../translate/schema.js';
import { quoteIdent } from '../translate/sql-text.js';
import { createTableDdl, dropTableDdl } from './ddl.js';
import type { Engine } from './engine.js';

/** The column the socket sink adds: Flink's RowKind byte per row. */
export const KIND_COLUMN = '__ff_kind';
export const CHANGE_KINDS = ['insert', 'update_before', 'update_after', 'delete'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

let sinks = 0;

/** A queue that sockets push batches into and one consumer pulls from. */
class BatchQueue {
  private readonly items: RecordBatch[] = [];
  private waiting?: () => void;
  failure?: unknown;
  ended = false;

  push(batch: RecordBatch): void {
    this.items.push(batch);
    this.wake();
  }

  fail(error: unknown): void {
    this.failure ??= error;
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.();
  }

  async next(): Promise<RecordBatch | undefined> {
    for (;;) {
      if (this.failure) throw this.failure;
      const item = this.items.shift();
      if (item) return item;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }
}

/**
 * Runs a query as a job whose sink (the flinkframe-socket connector) streams its changes to this process over
 * loopback TCP as Arrow record batches, each row with its change kind. Yields batches as they arrive; ending the
 * iteration early cancels the job.
 */
export async function* streamBatches(engine: Engine, query: string, schema: Schema, options: { batchMs?: number } = {}): AsyncGenerator<RecordBatch> {
  const queue = new BatchQueue();
  const sockets = new Set<Socket>();
  let open = 0;
  let jobDone = false;
  const maybeEnd = () => {
    if (jobDone && open === 0) queue.end();
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    open++;
    void (async () => {
      try {
        const reader = await RecordBatchReader.from(socket);
        for await (const batch of reader) queue.push(batch);
      } catch (e) {
        if (!jobDone) queue.fail(e);
      } finally {
        sockets.delete(socket);
        open--;
        maybeEnd();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const sink = `__ff_stream_${++sinks}`;
  engine.execute(createTableDdl(sink, schema, {
    connector: 'flinkframe-socket',
    host: '127.0.0.1',
    port: String(port),
    'batch-ms': String(options.batchMs ?? 200),
  }));
  let job: ReturnType<Engine['start']> | undefined;
  try {
    job = engine.start(`INSERT INTO ${quoteIdent(sink)}\n${query}`, query);
    job.finished.then(
      () => {
        jobDone = true;
        maybeEnd();
      },
      (e: unknown) => {
        jobDone = true;
        queue.fail(e);
      },
    );
    for (;;) {
      const batch = await queue.next();
      if (!batch) return;
      yield batch;
    }
  } finally {
    job?.cancel();
    for (const socket of sockets) socket.destroy();
    server.close();
    await job?.finished.catch(() => undefined);
    engine.execute(dropTableDdl(sink));
  }
}
