import { closeSync, openSync, readSync } from 'node:fs';

/** The first whole lines of a text file (up to `bytes`), enough to infer column types from. */
export function sampleLines(file: string, bytes = 256 * 1024): string {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, buffer, 0, bytes, 0);
  } finally {
    closeSync(fd);
  }
  const text = buffer.subarray(0, read).toString('utf8');
  if (read < bytes) return text;
  const lastNewline = text.lastIndexOf('\n');
  return lastNewline > 0 ? text.slice(0, lastNewline + 1) : text;
}
