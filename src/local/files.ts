import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The data files of a path: the file itself, or a folder's files (hidden and `_` files skipped, as Flink does). */
export function dataFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).filter((f) => !f.startsWith('.') && !f.startsWith('_')).sort().map((f) => join(path, f));
}

export const readText = (file: string): string => readFileSync(file, 'utf8');

/** A file's lines; the empty piece after a final newline is no line. */
export function lines(text: string): string[] {
  const all = text.split(/\r?\n/);
  if (all.length && all[all.length - 1] === '') all.pop();
  return all;
}
