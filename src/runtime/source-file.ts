import { closeSync, openSync, rmSync, writeFileSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamWriter } from './arrow-encode.js';

/**
 * The file an in-memory source's Arrow IPC stream is written to, batch by batch, while the job that reads it
 * already runs. Marker files next to it tell Flink's reader how to take the end of the bytes it has read
 * (java/.../GrowingFile.java): `_writing` while Node writes (wait for more), `_failed` with the error when the
 * writer stopped early (fail, never read the first batches as the whole table). Without either, the file is
 * complete. Underscored names are hidden from Flink's file source.
 */
const dataFile = (i: number) => `data-${i}.arrows`;
const WRITING = '_writing';
const FAILED = '_failed';

/**
 * Creates the (empty) data files and says they are being written: a job started now waits for their bytes.
 * Several files are several splits, read by as many parallel source tasks.
 */
export function openSourceFiles(dir: string, files: number): void {
  writeFileSync(join(dir, WRITING), '');
  for (let i = 0; i < files; i++) writeFileSync(join(dir, dataFile(i)), '');
}

/**
 * Appends the stream `write` hands out to the `files` data files (each one a whole Arrow stream: the schema, every
 * files-th batch, the end marker), then removes the writing marker. When `write` throws, the failure marker goes
 * first (with the error's message), then the writing marker, and the error is rethrown.
 */
export function writeSourceFiles(dir: string, files: number, write: StreamWriter): void {
  const fds = Array.from({ length: files }, (_, i) => openSync(join(dir, dataFile(i)), 'a'));
  let batches = 0;
  try {
    write((pieces, part) => {
      if (part === 'batch') writeAll(fds[batches++ % files]!, pieces);
      else for (const fd of fds) writeAll(fd, pieces);
    });
  } catch (e) {
    writeFileSync(join(dir, FAILED), e instanceof Error ? e.message : String(e));
    throw e;
  } finally {
    for (const fd of fds) closeSync(fd);
    rmSync(join(dir, WRITING), { force: true });
  }
}

/** One writev per 1024 pieces (the system's limit per call), no joined copy; short writes are finished. */
function writeAll(fd: number, pieces: Uint8Array[]): void {
  for (let i = 0; i < pieces.length; i += 1024) {
    let part = pieces.slice(i, i + 1024);
    let left = part.reduce((n, c) => n + c.byteLength, 0);
    while (left > 0) {
      let written = writevSync(fd, part);
      left -= written;
      // a short write: drop what went out and go on from there
      while (written > 0 && part.length) {
        const first = part[0]!;
        if (written >= first.byteLength) {
          written -= first.byteLength;
          part = part.slice(1);
        } else {
          part = [first.subarray(written), ...part.slice(1)];
          written = 0;
        }
      }
    }
  }
}
