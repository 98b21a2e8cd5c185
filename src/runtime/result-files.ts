import { closeSync, existsSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FlinkFrameError } from '../errors.js';
import { fromHeap } from './native-memory.js';
import type { WorkDir } from './workdir.js';

/** The header of a result file (java/.../arrow/ResultFileWriter.java): "FFRESULT", int64 length, int32 + token. */
const HEADER_BYTES = 64;
const MAGIC = 'FFRESULT';
/** Folders kept for reuse between queries, and the bytes of results their files may keep on disk meanwhile. */
const KEPT_FOLDERS = 4;
const KEPT_BYTES = 2 ** 29;

/**
 * Folders that query results are written into (the 'flinkframe-result' connector), reused from query to query:
 * Flink overwrites the files of an earlier result in place, which on a VM that backs memory only when first
 * touched cost ~50 ms for 400 MB against up to ~1.3 s for a new file (docs/benchmarks.md). A folder is lent to
 * one query at a time; each file's header says which query wrote it and how long its stream is.
 */
export class ResultFolders {
  private readonly free: { dir: string; bytes: number }[] = [];

  constructor(private readonly workdir: WorkDir) {}

  lend(): string {
    return this.free.pop()?.dir ?? this.workdir.fresh('result');
  }

  /** Takes a folder back; its files stay for the next query, unless they would keep too much on disk. */
  giveBack(dir: string): void {
    if (!existsSync(dir)) return; // the session closed while its query ran: its work dir is gone
    const bytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    const kept = this.free.reduce((n, f) => n + f.bytes, 0);
    if (this.free.length >= KEPT_FOLDERS || kept + bytes > KEPT_BYTES) {
      rmSync(dir, { recursive: true, force: true });
      return;
    }
    this.free.push({ dir, bytes });
  }
}

/**
 * The Arrow IPC streams the query marked `token` wrote into `dir`, in subtask order. Files another query wrote
 * (a folder's earlier query ran with more subtasks) or no query finished are not this result.
 */
export function readResult(dir: string, token: string): Uint8Array[] {
  const streams: Uint8Array[] = [];
  for (const file of partFiles(dir)) {
    const path = join(dir, file);
    const fd = openSync(path, 'r');
    try {
      const header = Buffer.alloc(HEADER_BYTES); // a file cut shorter than this was never finished
      if (readSync(fd, header, 0, HEADER_BYTES, 0) < HEADER_BYTES || header.toString('latin1', 0, 8) !== MAGIC) continue;
      const length = Number(header.readBigInt64BE(8));
      const tokenLength = header.readInt32BE(16);
      if (header.toString('latin1', 20, 20 + tokenLength) !== token) continue;
      // a Uint8Array over its own ArrayBuffer: the caller's Arrow tables keep it, and nothing else. Its memory comes
      // from malloc's heap, where freed results are kept for the next ones (native-memory.ts), and is not zeroed
      // first: readFully fills every byte or throws.
      const memory = fromHeap(() => Buffer.allocUnsafeSlow(length));
      const bytes = new Uint8Array(memory.buffer, memory.byteOffset, length);
      readFully(fd, bytes, HEADER_BYTES, path);
      streams.push(bytes);
    } finally {
      closeSync(fd);
    }
  }
  return streams;
}

/** part-<subtask>, by subtask. */
function partFiles(dir: string): string[] {
  const subtask = (f: string) => Number(f.slice('part-'.length));
  return readdirSync(dir).filter((f) => /^part-\d+$/.test(f)).sort((a, b) => subtask(a) - subtask(b));
}

function readFully(fd: number, into: Uint8Array, position: number, path: string): void {
  for (let at = 0; at < into.byteLength;) {
    const n = readSync(fd, into, at, into.byteLength - at, position + at);
    if (n === 0) throw new FlinkFrameError(`The result file ${path} ended ${into.byteLength - at} bytes before the length its header gives: something else changed it while the query ran. Run the query again.`);
    at += n;
  }
}
