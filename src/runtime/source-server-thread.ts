/**
 * The thread that serves in-memory sources to Flink's readers (src/runtime/source-server.ts). It moves bytes
 * between the main thread, which encodes them, and the readers' sockets, so that the main thread never waits on a
 * socket; and it serves splits encoded ahead (for a job the main thread waits for) on its own.
 *
 * Protocol, one connection per split read: the reader sends its split's key, a space, the columns it reads (each
 * name base64 of its UTF-8, comma-separated; none: any one column will do) and a newline; the answer is frames
 * `[int32 length][bytes]` of the split's Arrow IPC stream. A frame of length 0 ends the stream; a frame of length
 * -1 is followed by a length-prefixed UTF-8 message: the stream could not be made, and the reader must not take
 * the bytes so far for the whole table.
 */
import { createServer, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

/** Bytes in a buffer shared with the main thread, which reuses the buffer once it is given back. */
export interface SharedBytes {
  buffer: SharedArrayBuffer;
  length: number;
}

/** From the main thread: a reader's next message, its end or failure; a split encoded ahead, or dropped. */
export type ToServer =
  | { kind: 'bytes'; reader: number; bytes: SharedBytes }
  | { kind: 'end'; reader: number }
  | { kind: 'failed'; reader: number; message: string }
  | { kind: 'ahead'; key: string; chunks: SharedArrayBuffer[] }
  | { kind: 'ahead-failed'; key: string; message: string }
  | { kind: 'drop-ahead' };

/** To the main thread: a reader asks for a split (of these columns); a message went out (its buffer is free); a reader went away. */
export type FromServer =
  | { kind: 'read'; key: string; reader: number; columns: string[] }
  | { kind: 'sent'; reader: number; buffer: SharedArrayBuffer }
  | { kind: 'gone'; reader: number };

const header = (n: number) => {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(n);
  return b;
};

const failure = (message: string) => {
  const text = Buffer.from(message, 'utf8');
  return Buffer.concat([header(-1), header(text.byteLength), text]);
};

const port = parentPort!;
const post = (m: FromServer) => port.postMessage(m);
const readers = new Map<number, Socket>();
const ahead = new Map<string, SharedArrayBuffer[] | string>(); // a split's messages, or why it has none
let nextReader = 0;

port.on('message', (m: ToServer) => {
  if (m.kind === 'ahead') ahead.set(m.key, m.chunks);
  else if (m.kind === 'ahead-failed') ahead.set(m.key, m.message);
  else if (m.kind === 'drop-ahead') ahead.clear();
  else if (m.kind === 'bytes') {
    const socket = readers.get(m.reader);
    const given = () => post({ kind: 'sent', reader: m.reader, buffer: m.bytes.buffer });
    if (!socket) return given();
    socket.write(header(m.bytes.length));
    socket.write(new Uint8Array(m.bytes.buffer, 0, m.bytes.length), given); // called once flushed, or failed
  } else {
    const socket = readers.get(m.reader);
    readers.delete(m.reader);
    socket?.end(m.kind === 'end' ? header(0) : failure(m.message));
  }
});

/** A split encoded ahead: sent whole, from this thread. */
function sendAhead(socket: Socket, chunks: SharedArrayBuffer[]): void {
  for (const chunk of chunks) {
    socket.write(header(chunk.byteLength));
    socket.write(new Uint8Array(chunk));
  }
  socket.end(header(0));
}

/** A split encoded ahead has every column: the reader picks its own by name. */
function answer(socket: Socket, request: string): void {
  const [key = '', names = ''] = request.split(' ');
  const chunks = ahead.get(key);
  if (typeof chunks === 'string') return void socket.end(failure(chunks));
  if (chunks) return sendAhead(socket, chunks);
  const reader = nextReader++;
  readers.set(reader, socket);
  socket.once('close', () => {
    if (readers.delete(reader)) post({ kind: 'gone', reader });
  });
  const columns = names ? names.split(',').map((name) => Buffer.from(name, 'base64').toString('utf8')) : [];
  post({ kind: 'read', key, reader, columns });
}

const server = createServer((socket) => {
  socket.setNoDelay(true);
  socket.on('error', () => socket.destroy()); // the reader went away (a cancelled or failed task): 'close' follows
  let line = '';
  const onData = (data: Buffer) => {
    line += data.toString('latin1');
    const end = line.indexOf('\n');
    if (end < 0) return;
    socket.off('data', onData);
    answer(socket, line.slice(0, end));
  };
  socket.on('data', onData);
});

// the main thread waits (Atomics.wait) for the port: it needs it synchronously, to register a table
const ready = workerData.ready as Int32Array;
const started = (listening: number) => {
  Atomics.store(ready, 1, listening);
  Atomics.store(ready, 0, 1);
  Atomics.notify(ready, 0);
};
server.on('error', () => started(-1));
server.listen(0, workerData.host as string, () => {
  const address = server.address();
  started(typeof address === 'object' && address ? address.port : -1);
});
