/**
 * The framing between the Java UDF operator and a Node UDF worker (see java/.../udf/UdfWorker.java).
 * Requests: [int32 length][bytes] (the spec as JSON, then one Arrow IPC stream per batch).
 * Replies: [byte tag][int32 length][bytes], tag RESULT (an Arrow IPC stream) or ERROR (a JSON report).
 * A negative length says the -length bytes are in the exchange file instead of the frame (udf-exchange.ts).
 */
import { FILE_THRESHOLD, type Exchange } from './udf-exchange.js';

export const RESULT = 0;
export const ERROR = 1;

/** Splits a byte stream into request frames; `onFrame` runs synchronously, so frames are handled in order. */
export function requestFrames(onFrame: (frame: Uint8Array) => void, exchange?: Exchange): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 4) {
      const length = pending.readInt32BE(0);
      if (length < 0) {
        if (!exchange) throw new Error('a request in the exchange file, but the worker was given none');
        pending = pending.subarray(4);
        // read now, in order: its slot is rewritten only after this request has been answered
        onFrame(exchange.readRequest(-length));
        continue;
      }
      if (pending.length < 4 + length) break;
      const frame = pending.subarray(4, 4 + length);
      pending = pending.subarray(4 + length);
      onFrame(frame);
    }
  };
}

/** The reply frame's bytes for stdout; a large payload is written to the exchange file first. */
export function replyFrame(tag: number, payload: Uint8Array, exchange?: Exchange): Uint8Array {
  const header = Buffer.alloc(5);
  header.writeUInt8(tag, 0);
  if (exchange && payload.length >= FILE_THRESHOLD) {
    exchange.writeReply(payload);
    header.writeInt32BE(-payload.length, 1);
    return header;
  }
  header.writeInt32BE(payload.length, 1);
  return Buffer.concat([header, payload]);
}
