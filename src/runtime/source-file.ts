import { closeSync, openSync, rmSync, writeFileSync, writevSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The file an in-memory source's Arrow IPC stream is written to, batch by batch, while the job that reads it
 * already runs. Marker files next to it tell Flink's reader how to take the end of the bytes it has read
 * (java/.../GrowingFile.java): `_writing` while Node writes (wait for more), `_failed` with the error when the
 * writer stopped early (fail, never read the first batches as the whole table). Without either, the file is
 * complete. Underscored names are hidden from Flink's file source.
 */
export const SOURCE_FILE = 'data.arrows';
const WRITING = '_writing';
const FAILED = '_failed';

/** Creates the (empty) data file and says it is being written: a job started now waits for its bytes. */
export function openSourceFile(dir: string): void {
  writeFileSync(join(dir, WRITING), '');
  writeFileSync(join(dir, SOURCE_FILE), '');
}

/**
 * Appends the stream `write` hands out, then removes the writing marker. When `write` throws, the failure
 * marker goes first (with the error's message), then the writing marker, and the error is rethrown.
 */
export function writeSourceFile(dir: string, write: (out: (pieces: Uint8Array[]) => void) => void): void {
  const fd = openSync(join(dir, SOURCE_FILE), 'a');
  try {
    write((pieces) => writeAll(fd, pieces));
  } catch (e) {
    writeFileSync(join(dir, FAILED), e instanceof Error ? e.message : String(e));
    throw e;
  } finally {
    closeSync(fd);
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
