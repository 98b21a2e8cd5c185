import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { op, udf } from '../src/index.js';
import { readResult } from '../src/runtime/result-files.js';
import { fl } from './support/flink-session.js';
import { resultHeader } from './support/result-header.js';

/**
 * Query results are written into folders the session reuses, each file overwritten in place and marked in its
 * header with the query that wrote it (src/runtime/result-files.ts, java/.../arrow/ResultFileWriter.java).
 */
const ids = (n: number) => fl.table({ id: Int32Array.from({ length: n }, (_, i) => i) });
const scratch = mkdtempSync(join(tmpdir(), 'ff-result-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('result files', () => {
  it('a folder given back is lent again, with the files of its last result', () => {
    const dir = fl.engine.resultFolders.lend();
    fl.engine.resultFolders.giveBack(dir);
    expect(fl.engine.resultFolders.lend()).toBe(dir);
    fl.engine.resultFolders.giveBack(dir);
  });

  it('a short result read from files that held a longer one has only its own rows', async () => {
    expect((await ids(200_000).toArrow()).numRows).toBe(200_000); // two subtasks' files, each a long stream
    // one subtask (an ordered query): the other subtask's file still holds the long result, marked with its query
    expect(await ids(5).orderby('id').objects()).toEqual([0, 1, 2, 3, 4].map((id) => ({ id })));
    expect((await ids(7).filter((d: any) => d.id % 2 === 0).toArrow()).toArray().map((r) => r.id).sort()).toEqual([0, 2, 4, 6]);
  });

  it('after a job that failed while writing its result, the next query reads its own rows', async () => {
    fl.addFunction('failsLate', udf((x: number) => {
      if (x === 150_000) throw new RangeError('late failure');
      return x;
    }, { returns: 'INT' }));
    await expect(ids(200_000).derive({ y: (d: any) => op.failsLate(d.id) }).objects()).rejects.toThrow(/late failure/);
    const rows = await ids(3).derive({ y: (d: any) => d.id * 2 }).orderby('id').objects();
    expect(rows).toEqual([{ id: 0, y: 0 }, { id: 1, y: 2 }, { id: 2, y: 4 }]);
  });

  it('reads only files marked with the query, each up to its length, in subtask order', () => {
    const dir = join(scratch, 'marks');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const stream = (b: number, n: number) => Buffer.alloc(n, b);
    writeFileSync(join(dir, 'part-10'), Buffer.concat([resultHeader('mine', 3), stream(10, 3), stream(99, 50)])); // older tail
    writeFileSync(join(dir, 'part-2'), Buffer.concat([resultHeader('mine', 2), stream(2, 2)]));
    writeFileSync(join(dir, 'part-1'), Buffer.concat([resultHeader('other', 4), stream(1, 4)])); // another query's
    writeFileSync(join(dir, 'part-3'), Buffer.concat([Buffer.alloc(64), stream(3, 8)])); // never finished
    writeFileSync(join(dir, 'part-4'), 'cut'); // created, then the task died
    writeFileSync(join(dir, 'notes.txt'), 'not a part file');
    expect(readResult(dir, 'mine').map((b) => [...b])).toEqual([[2, 2], [10, 10, 10]]);
    expect(readResult(dir, 'nobody')).toEqual([]);
  });

  it('a file shorter than its header says fails the read instead of returning part of a result', () => {
    const dir = join(scratch, 'short');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'part-0'), Buffer.concat([resultHeader('mine', 100), Buffer.alloc(10)]));
    expect(() => readResult(dir, 'mine')).toThrow(/part-0 ended 90 bytes before the length its header gives/);
  });
});
