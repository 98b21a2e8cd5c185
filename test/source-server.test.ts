import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import { BATCH_ROWS, encodeColumns } from '../src/runtime/arrow-encode.js';

declare const LATE: number; // a UDF param, read by name in the worker

/**
 * In-memory sources are served to Flink's readers by this process (src/runtime/source-server.ts): each read of a
 * split gets the stream from its start. This session may retry a failed task once, as a configured restart
 * strategy does.
 */
const session = ff.session({
  parallelism: 2,
  engine: 'flink',
  config: {
    'restart-strategy.type': 'fixed-delay',
    'restart-strategy.fixed-delay.attempts': '2',
    'restart-strategy.fixed-delay.delay': '0 s',
  },
});
afterAll(() => session.close());

const ROWS = 5 * BATCH_ROWS + 77; // several record batches, dealt to two splits
const ids = () => session.table({ id: Int32Array.from({ length: ROWS }, (_, i) => i), s: Array.from({ length: ROWS }, (_, i) => `s${i}`) });
const sumOfIds = (ROWS * (ROWS - 1)) / 2;

describe('in-memory sources served to Flink', () => {
  it('a task that read part of its split, failed and was retried reads the split again from its start', async () => {
    session.addFunction('failing_first', ff.udf({
      open(ctx: { attempt: number }) {
        this.attempt = ctx.attempt;
      },
      eval(id: number) {
        // late in the input (LATE is a param), so the first attempt has read batches of its split when it fails
        if (this.attempt === 0 && id > LATE) throw new Error('the first attempt fails');
        return id;
      },
    } as any, { returns: 'INT', params: { LATE: ROWS - 1000 } }));
    const [row] = await ids()
      .derive({ same: (d: any) => op.failing_first(d.id) })
      .rollup({ n: op.count(), distinct: op.distinct('same'), total: op.sum('same') })
      .objects();
    expect(row).toEqual({ n: ROWS, distinct: ROWS, total: sumOfIds });
  }, 120_000);

  it('jobs reading one table at the same time each get all of it', async () => {
    const t = ids();
    const sums = await Promise.all([0, 1, 2].map(() => t.rollup({ n: op.count(), total: op.sum('id') }).objects()));
    for (const [row] of sums) expect(row).toEqual({ n: ROWS, total: sumOfIds });
  });

  it('a job that stops reading early (a limit) leaves the table readable by the next', async () => {
    const t = ids();
    expect(await t.slice(0, 3).numRows()).toBe(3);
    expect(await t.numRows()).toBe(ROWS);
  });

  it('a file that is not a stand-in is read as an Arrow IPC stream itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ff-arrow-file-'));
    try {
      const { chunks } = encodeColumns([['id', Int32Array.from({ length: ROWS }, (_, i) => i)]]);
      writeFileSync(join(dir, 'part-0.arrows'), Buffer.concat(chunks));
      session.engine.execute(`CREATE TEMPORARY TABLE arrow_file (id INT) WITH ('connector' = 'filesystem', 'path' = '${pathToFileURL(dir).href}', 'format' = 'flinkframe-arrow')`);
      expect(await session.sql('SELECT COUNT(*) AS n, SUM(CAST(id AS BIGINT)) AS total FROM arrow_file').objects()).toEqual([{ n: ROWS, total: sumOfIds }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a pre-query, run while this thread waits, reads tables encoded ahead; a broken table fails only the jobs that read it', async () => {
    const broken = session.table({ v: new Proxy({ length: 10 } as ArrayLike<number>, {
      get: (target, key) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) throw new Error('unreadable (test)');
        return Reflect.get(target, key);
      },
    }) }, undefined, { types: { v: 'DOUBLE' } });
    await expect(broken.numRows()).rejects.toThrow(/unreadable \(test\)/);
    // pivot asks Flink for its key values at the call (a synchronous pre-query)
    const wide = session.table({ k: ['a', 'b', 'a'], v: [1, 2, 3] }).pivot('k', { v: (d: any) => op.sum(d.v) });
    expect(await wide.objects()).toEqual([{ a: 4, b: 2 }]);
    expect(() => broken.pivot('v', { n: op.count() })).toThrow(/unreadable \(test\)/);
  });

  it('a job has Node encode only the columns it reads, and at least one for a count', async () => {
    let reads = 0; // of the values of column s
    const s = new Proxy(Array.from({ length: ROWS }, (_, i) => `s${i}`), {
      get: (target, key) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key);
      },
    });
    const t = session.table({ id: Int32Array.from({ length: ROWS }, (_, i) => i), s }, undefined, { types: { s: 'STRING' } });
    expect(await t.numRows()).toBe(ROWS);
    expect(await t.rollup({ total: op.sum('id') }).objects()).toEqual([{ total: sumOfIds }]);
    expect(reads).toBe(0);
    expect(await t.filter((d: any) => d.s === 's7').select('id').objects()).toEqual([{ id: 7 }]);
    expect(reads).toBe(ROWS);
  });

  it('a pre-query encodes ahead only the tables it reads, through the views its SQL names too', async () => {
    let reads = 0; // of the watched column's values, which only encoding does once the table is registered
    const values = Array.from({ length: 100 }, (_, i) => i % 3);
    const watched = session.table({ v: new Proxy(values, {
      get: (target, key) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key);
      },
    }) }, undefined, { types: { v: 'DOUBLE' } });
    session.register('watched_values', watched);
    session.register('other_values', session.table({ k: ['a', 'b', 'a'], v: [1, 2, 3] }));
    const before = reads;
    const wide = session.sql('SELECT * FROM other_values').pivot('k', { v: (d: any) => op.sum(d.v) });
    expect(reads).toBe(before);
    expect(await wide.objects()).toEqual([{ a: 4, b: 2 }]);
    session.register('watched_view', session.sql('SELECT v FROM watched_values WHERE v > 0'));
    const counts = session.sql('SELECT v AS w FROM watched_view').pivot('w', { n: op.count() });
    expect(reads).toBeGreaterThan(before);
    expect(await counts.objects()).toEqual([{ 1: 33, 2: 33 }]);
  });
});

const { op } = ff;
