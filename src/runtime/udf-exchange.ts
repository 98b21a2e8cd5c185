/**
 * The worker's side of the exchange files (java/.../udf/UdfExchange.java): batches come and go through files
 * while stdin/stdout carry only frame headers, so a batch wakes each process once instead of once per 64 KiB of
 * pipe. A header's negative length says the payload's -length bytes are in the next file of its kind, from
 * offset 0: the n-th request passed this way is in request slot n % slots, the n-th such reply goes to reply slot
 * n % slots. The operator keeps at most `slots` batches in flight, so a slot is read before it is rewritten.
 */
import { closeSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Payloads from this size on go through the files (the same bound as UdfExchange.FILE_THRESHOLD). */
export const FILE_THRESHOLD = 4096;

export interface Exchange {
  /** The next request payload, of `length` bytes, in a buffer of its own (a UDF may keep its argument arrays). */
  readRequest(length: number): Uint8Array;
  /** Writes the next reply payload. */
  writeReply(payload: Uint8Array): void;
}

/** The files the operator named in the environment, opened and then removed (the descriptors keep them). */
export function openExchange(env: NodeJS.ProcessEnv = process.env): Exchange | undefined {
  const dir = env.FLINKFRAME_UDF_EXCHANGE;
  const slots = Number(env.FLINKFRAME_UDF_EXCHANGE_SLOTS);
  if (!dir || !(slots > 0)) return undefined;
  const names = (kind: string) => Array.from({ length: slots }, (_, i) => join(dir, `${kind}-${i}`));
  const requestFds = names('request').map((path) => openSync(path, 'r'));
  const replyFds = names('reply').map((path) => openSync(path, 'r+'));
  try {
    for (const path of [...names('request'), ...names('reply')]) unlinkSync(path);
    rmdirSync(dir);
  } catch {
    // the operator removes them when it closes
  }
  process.on('exit', () => [...requestFds, ...replyFds].forEach((fd) => closeSync(fd)));
  let [requestsRead, repliesWritten] = [0, 0];
  return {
    readRequest(length) {
      const fd = requestFds[requestsRead++ % slots]!;
      // a buffer of its own, 8-byte aligned: Arrow's 64-bit columns become views without a copy
      const bytes = new Uint8Array(new ArrayBuffer(length));
      for (let off = 0; off < length; ) {
        const n = readSync(fd, bytes, off, length - off, off);
        if (n === 0) throw new Error(`the request file ends at ${off} of ${length} bytes`);
        off += n;
      }
      return bytes;
    },
    writeReply(payload) {
      const fd = replyFds[repliesWritten++ % slots]!;
      for (let off = 0; off < payload.length; ) off += writeSync(fd, payload, off, payload.length - off, off);
    },
  };
}
