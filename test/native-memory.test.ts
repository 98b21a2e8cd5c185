import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readResult } from '../src/runtime/result-files.js';
import { fl } from './support/flink-session.js';
import { resultHeader } from './support/result-header.js';

/**
 * Query results are allocated from glibc malloc's heap, where memory freed by earlier results is kept for the next
 * ones (src/runtime/native-memory.ts). mallinfo2().hblkhd is the bytes malloc holds in mappings of their own: a
 * buffer served from the heap does not add to it.
 */
const root = join(import.meta.dirname, '..');
const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
const hasGlibc = process.platform === 'linux' && Boolean((process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime);
const MB_64 = 64 * 2 ** 20;
/** This process's environment without what tells flinkframe to leave malloc alone. */
const { FLINKFRAME_MALLOC, GLIBC_TUNABLES, ...plainEnv } = process.env;
const scratch = mkdtempSync(join(tmpdir(), 'ff-native-memory-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MALLINFO2 = Object.fromEntries(
  ['arena', 'ordblks', 'smblks', 'hblks', 'hblkhd', 'usmblks', 'fsmblks', 'uordblks', 'fordblks', 'keepcost'].map((f) => [f, 'size_t']),
);

function ownMappingBytes(): number {
  const mallinfo2 = koffi.load('libc.so.6').func('mallinfo2', koffi.struct(MALLINFO2), []);
  return Number(mallinfo2().hblkhd);
}

/** A result file as the result sink writes it, with `length` bytes of stream. */
function resultFile(token: string, length: number): string {
  const dir = mkdtempSync(join(scratch, 'result-'));
  writeFileSync(join(dir, 'part-0'), Buffer.concat([resultHeader(token, length), Buffer.alloc(length, 7)]));
  return dir;
}

/** In a fresh process: what a 64 MB buffer allocated as a result's adds to malloc's own mappings. */
async function mappedByResultBuffer(env: Record<string, string>): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', `
    import { createRequire } from 'node:module';
    import { fromHeap, keepFreedMemory } from './dist/src/runtime/native-memory.js';
    const koffi = createRequire(import.meta.url)('koffi');
    const mallinfo2 = koffi.load('libc.so.6').func('mallinfo2', koffi.struct(${JSON.stringify(MALLINFO2)}), []);
    keepFreedMemory();
    const before = Number(mallinfo2().hblkhd);
    const buffer = fromHeap(() => new Uint8Array(${MB_64}));
    console.log(Number(mallinfo2().hblkhd) - before, buffer.length);
  `], { cwd: root, env: { ...plainEnv, ...env }, encoding: 'utf8' });
  return Number(stdout.trim().split(' ')[0]);
}

describe.runIf(hasGlibc)('memory of results', () => {
  it.runIf(FLINKFRAME_MALLOC === undefined && GLIBC_TUNABLES === undefined)('in a process running a session, a result is read into memory from the heap', async () => {
    expect(await fl.table({ a: [1, 2] }).numRows()).toBe(2); // the JVM has started
    const dir = resultFile('token-1', MB_64);
    const before = ownMappingBytes();
    const [stream] = readResult(dir, 'token-1');
    expect(ownMappingBytes() - before).toBeLessThan(MB_64 / 2);
    expect([stream!.length, stream![0], stream![MB_64 - 1]]).toEqual([MB_64, 7, 7]);
  });

  it('FLINKFRAME_MALLOC=system, or malloc options in GLIBC_TUNABLES, leave malloc as it is', async () => {
    expect(await mappedByResultBuffer({})).toBeLessThan(MB_64 / 2);
    expect(await mappedByResultBuffer({ FLINKFRAME_MALLOC: 'system' })).toBeGreaterThanOrEqual(MB_64);
    expect(await mappedByResultBuffer({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=8' })).toBeGreaterThanOrEqual(MB_64);
  });
});
