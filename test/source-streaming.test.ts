import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { op } from '../src/index.js';
import { BATCH_ROWS } from '../src/runtime/arrow-encode.js';
import { fl } from './support/flink-session.js';

/** The session's in-memory source folders, newest last: stand-in files naming the source server's splits. */
const sourceDirs = () =>
  readdirSync(fl.engine.workdir.root)
    .filter((d) => d.startsWith('source-'))
    .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]))
    .map((d) => join(fl.engine.workdir.root, d));

describe('in-memory sources encoded while the job reads them', () => {
  it('a multi-batch table round-trips exactly: nulls, unicode, bigints, dates, booleans, NaN', async () => {
    const rows = 2 * BATCH_ROWS + 1234; // three record batches, the last one short
    const words = ['plain', 'Zoë', '😀𝄞 astral', '', 'naïve café', '中文字符'];
    const cols = {
      i: Int32Array.from({ length: rows }, (_, r) => r),
      x: Array.from({ length: rows }, (_, r) => (r % 11 === 0 ? null : r / 7)),
      s: Array.from({ length: rows }, (_, r) => (r % 13 === 0 ? null : `${words[r % words.length]}-${r}`)),
      n: Array.from({ length: rows }, (_, r) => (r % 17 === 0 ? null : BigInt(r) * 1_000_000_007n)),
      d: Array.from({ length: rows }, (_, r) => (r % 19 === 0 ? null : new Date(Date.UTC(2020, 0, 1) + r * 60_000))),
      b: Array.from({ length: rows }, (_, r) => (r % 23 === 0 ? null : r % 2 === 0)),
      k: Array.from({ length: rows }, (_, r) => (r % 29 === 0 ? NaN : r % 5)), // NaN in a number column: kept as NaN
    };
    const t = fl.table(cols);
    const back = await t.orderby('i').objects();
    expect(back.length).toBe(rows);
    const expected = Array.from({ length: rows }, (_, r) => ({
      i: r,
      x: cols.x[r],
      s: cols.s[r],
      n: cols.n[r] === null ? null : Number(cols.n[r]),
      d: cols.d[r],
      b: cols.b[r],
      k: cols.k[r],
    }));
    expect(back).toEqual(expected); // every row, across the batches and the files they were dealt to
    const sums = await t.rollup({ x: (d: any) => op.sum(d.x), l: (d: any) => op.sum(op.length(d.s)) }).objects();
    const total = { x: 0, l: 0 };
    for (let r = 0; r < rows; r++) {
      total.x += cols.x[r] ?? 0;
      total.l += cols.s[r] ? [...cols.s[r]!].length : 0; // Flink's CHAR_LENGTH counts code points
    }
    expect(sums[0]!.x).toBeCloseTo(total.x, 3);
    expect(sums[0]!.l).toBe(total.l);
  });

  it('is encoded by each job that reads it, from the columns as they are then; explain() encodes nothing', async () => {
    const rows = BATCH_ROWS + 10;
    let reads = 0;
    const values = Array.from({ length: rows }, (_, r) => r);
    const counted = new Proxy(values, {
      get: (target, key) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key);
      },
    });
    const t = fl.table({ x: counted }, undefined, { types: { x: 'DOUBLE' } }).filter((d: any) => d.x >= 10);
    const before = reads;
    expect(t.explain()).toContain('x');
    expect(reads).toBe(before);
    const dir = sourceDirs().at(-1)!;
    // a stand-in per split, naming where the rows are served: no row is in the folder
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), 'utf8')).toMatch(/^flinkframe-source 127\.0\.0\.1 \d+ [\w-]+\n$/);
    expect(await t.numRows()).toBe(BATCH_ROWS);
    const afterFirst = reads;
    expect(afterFirst - before).toBeGreaterThanOrEqual(rows);
    values[20] = -1; // the columns are read again by the next job, as an Arquero table reads its arrays
    expect(await t.numRows()).toBe(BATCH_ROWS - 1);
    expect(reads - afterFirst).toBeGreaterThanOrEqual(rows);
  });

  it('a job that reads faster than Node writes waits for the rest of the stream', async () => {
    const rows = 2 * BATCH_ROWS;
    let paused = false;
    // Node stops for 1.5 s before the second batch: the job, started by then, has read the first one and
    // reached the end of the bytes written so far, which must not be taken for the end of the table
    const slow = new Proxy({ length: rows } as ArrayLike<number>, {
      get: (target, key) => {
        if (typeof key !== 'string' || !/^\d+$/.test(key)) return Reflect.get(target, key);
        const r = Number(key);
        if (r === BATCH_ROWS && !paused) {
          paused = true;
          const until = Date.now() + 1500;
          while (Date.now() < until); // a slow writer, on the thread that writes
        }
        return r;
      },
    });
    const t = fl.table({ v: slow }, undefined, { types: { v: 'DOUBLE' } });
    const [row] = await t.rollup({ n: op.count(), s: (d: any) => op.sum(d.v) }).objects();
    expect(paused).toBe(true);
    expect(row).toEqual({ n: rows, s: (rows * (rows - 1)) / 2 });
  });

  it('an empty table is a schema in every file: its jobs see no row', async () => {
    const t = fl.table({ a: [], s: [] }, undefined, { types: { a: 'DOUBLE', s: 'STRING' } });
    expect(await t.numRows()).toBe(0);
    expect(await t.objects()).toEqual([]);
  });

  it('columns that fail to encode midway fail the job, and later jobs, instead of reading the first batches as the table', async () => {
    const rows = 3 * BATCH_ROWS;
    // a column that cannot be read past its second batch (a getter that throws, as a broken input would)
    const broken = new Proxy({ length: rows } as ArrayLike<number>, {
      get: (target, key) => {
        if (key === 'length') return rows;
        if (typeof key === 'string' && Number(key) >= 2 * BATCH_ROWS) throw new Error('row unreadable (test)');
        return typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : Reflect.get(target, key);
      },
    });
    const t = fl.table({ v: broken }, undefined, { types: { v: 'DOUBLE' } });
    const failure = /in-memory source was not read to its end: encoding its columns \(table\(\), from\(\), fromArrow\(\)\) failed: row unreadable \(test\)/;
    await expect(t.numRows()).rejects.toThrow(failure);
    await expect(t.numRows()).rejects.toThrow(failure);
    // the session still works
    expect(await fl.table({ a: [1, 2, 3] }).numRows()).toBe(3);
  });
});
