import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FlinkFrameError } from '../errors.js';
import type { StreamMessages } from './arrow-encode.js';
import { packageRoot } from './package-root.js';
import type { FromServer, SharedBytes, ToServer } from './source-server-thread.js';

/** How long the first table waits for the serving thread to listen; it takes ~30 ms from the session's start. */
const START_TIMEOUT_MS = 10_000;
/** Encoded messages (record batches of a few MB) on their way to one reader before encoding waits for it. */
const IN_FLIGHT = 8;
/**
 * Where the serving thread listens, and the address the stand-in files give Flink's readers: loopback, unless
 * TaskManagers on other machines must reach this process (FLINKFRAME_SOURCE_HOST=its address on their network).
 */
const HOST = process.env.FLINKFRAME_SOURCE_HOST || '127.0.0.1';

/** One split of an in-memory source (of Flink table `table`): the stream's schema, its share of the record batches, the end. */
interface Split {
  table: string;
  messages: StreamMessages;
  keep: (batch: number) => boolean;
}

/** A split being read: how many messages are on their way, and who waits for one to arrive. */
interface Reading {
  inFlight: number;
  gone: boolean;
  wake?: () => void;
}

/**
 * Serves in-memory sources to Flink over loopback TCP, encoding each split's Arrow IPC stream from the columns
 * every time a reader asks for it (each job, a retried task), batch by batch, while the reader reads. The
 * sockets are handled by a thread of this process (src/runtime/source-server-thread.ts).
 *
 * Why not a file per source, written once: it is a second copy of the table, and on a VM that backs memory only
 * when it is first touched, writing 400 MB of new page cache took ~1.1 s against ~0.05 s to rewrite pages in use
 * (docs/benchmarks.md). Here only a few reused buffers per reader are touched. Flink's reader finds the server
 * through a small stand-in file per split (java/.../arrow/SplitBytes.java), so the filesystem connector still
 * lists and assigns the splits.
 */
export class SourceServer {
  private readonly worker: Worker;
  private readonly ready = new Int32Array(new SharedArrayBuffer(8));
  private readonly splits = new Map<string, Split>();
  private readonly readings = new Map<number, Reading>();
  private readonly buffers = new BufferPool();
  private failure?: Error;

  /** Starts the serving thread; it listens by the time it is first needed. */
  constructor() {
    this.worker = new Worker(join(packageRoot, 'dist', 'src', 'runtime', 'source-server-thread.js'), {
      workerData: { ready: this.ready, host: HOST },
      execArgv: [], // not this process's flags: `--input-type` (node -e) makes a worker refuse its file
    });
    this.worker.unref(); // the process exits without waiting for it
    this.worker.on('message', (m: FromServer) => this.received(m));
    // its sockets close with it, failing their readers; later tables are refused with this
    this.worker.on('error', (e) => (this.failure = e));
  }

  /** The thread's port. register() is synchronous and needs it now: this thread waits if the other has not started. */
  private get port(): number {
    const waited = Atomics.wait(this.ready, 0, 0, START_TIMEOUT_MS);
    const port = Atomics.load(this.ready, 1);
    if (this.failure) throw new FlinkFrameError(`The thread serving in-memory sources to Flink failed: ${this.failure.message}`, { cause: this.failure });
    if (waited === 'timed-out' || port <= 0) {
      throw new FlinkFrameError(`The thread serving in-memory sources to Flink did not start listening on ${HOST}. Check that this process may open a TCP port there (FLINKFRAME_SOURCE_HOST sets the address).`);
    }
    return port;
  }

  /**
   * Writes one stand-in file per split of Flink table `table` into `dir` (`data-<i>.arrows`, read by the
   * flinkframe-arrow format): split i of n gets the schema message, every n-th record batch from the i-th, and the
   * end marker.
   */
  open(table: string, dir: string, files: number, messages: StreamMessages): void {
    const port = this.port;
    for (let i = 0; i < files; i++) {
      const key = randomUUID();
      this.splits.set(key, { table, messages, keep: (batch) => batch % files === i });
      writeFileSync(join(dir, `data-${i}.arrows`), `flinkframe-source ${HOST} ${port} ${key}\n`);
    }
  }

  /**
   * Encodes the splits of `tables` now, for a job this thread will wait for (Engine.runSync) and so cannot encode
   * for while it reads; the serving thread keeps them until dropAhead(). A split that cannot be encoded fails the
   * reads of it with the error, not this call: the job may not read that table.
   */
  encodeAhead(tables: ReadonlySet<string>): void {
    for (const [key, split] of this.splits) {
      if (!tables.has(split.table)) continue;
      try {
        const chunks = [...split.messages(split.keep)].map((pieces) => copied(pieces, new SharedArrayBuffer(byteLength(pieces))));
        this.post({ kind: 'ahead', key, chunks });
      } catch (e) {
        this.post({ kind: 'ahead-failed', key, message: encodingFailed(e) });
      }
    }
  }

  dropAhead(): void {
    this.post({ kind: 'drop-ahead' });
  }

  /** Forgets the splits of `table` (and with them its columns): no frame can read it any more. */
  release(table: string): void {
    for (const [key, split] of this.splits) if (split.table === table) this.splits.delete(key);
  }

  /** Stops serving: the session closed. */
  close(): Promise<number> {
    return this.worker.terminate();
  }

  private received(m: FromServer): void {
    if (m.kind === 'read') {
      void this.serve(m.reader, m.key, m.columns);
      return;
    }
    const reading = this.readings.get(m.reader);
    if (m.kind === 'sent') {
      this.buffers.give(m.buffer);
      if (reading) reading.inFlight--;
    } else if (reading) reading.gone = true;
    reading?.wake?.();
  }

  /**
   * Encodes a split for one reader, only the columns it reads, a message at a time, at most IN_FLIGHT ahead of what
   * it has taken.
   */
  private async serve(reader: number, key: string, columns: string[]): Promise<void> {
    const split = this.splits.get(key);
    if (!split) {
      this.post({ kind: 'failed', reader, message: 'this in-memory source is unknown to the Node process serving it.' });
      return;
    }
    const reading: Reading = { inFlight: 0, gone: false };
    this.readings.set(reader, reading);
    try {
      for (const pieces of split.messages(split.keep, columns)) {
        while (reading.inFlight >= IN_FLIGHT && !reading.gone) await new Promise<void>((resume) => (reading.wake = resume));
        if (reading.gone) return;
        reading.inFlight++;
        this.post({ kind: 'bytes', reader, bytes: this.buffers.copy(pieces) });
      }
      this.post({ kind: 'end', reader });
    } catch (e) {
      this.post({ kind: 'failed', reader, message: encodingFailed(e) });
    } finally {
      this.readings.delete(reader);
    }
  }

  private post(message: ToServer): void {
    this.worker.postMessage(message);
  }
}

/**
 * Shared buffers, by capacity (powers of two), reused once the serving thread has sent what they held: memory
 * touched again rather than new. At most two readers' worth are kept between jobs.
 */
class BufferPool {
  private static readonly KEPT = 2 * IN_FLIGHT;
  private readonly free = new Map<number, SharedArrayBuffer[]>();
  private kept = 0;

  copy(pieces: Uint8Array[]): SharedBytes {
    const length = byteLength(pieces);
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(length, 1 << 16)));
    const reused = this.free.get(capacity)?.pop();
    if (reused) this.kept--;
    const buffer = reused ?? new SharedArrayBuffer(capacity);
    copied(pieces, buffer);
    return { buffer, length };
  }

  give(buffer: SharedArrayBuffer): void {
    if (this.kept >= BufferPool.KEPT) return;
    const free = this.free.get(buffer.byteLength) ?? [];
    free.push(buffer);
    this.free.set(buffer.byteLength, free);
    this.kept++;
  }
}

const encodingFailed = (e: unknown) => `encoding its columns (table(), from(), fromArrow()) failed: ${e instanceof Error ? e.message : String(e)}`;

const byteLength = (pieces: Uint8Array[]) => pieces.reduce((n, p) => n + p.byteLength, 0);

function copied(pieces: Uint8Array[], buffer: SharedArrayBuffer): SharedArrayBuffer {
  const view = new Uint8Array(buffer);
  let at = 0;
  for (const p of pieces) {
    view.set(p, at);
    at += p.byteLength;
  }
  return buffer;
}
