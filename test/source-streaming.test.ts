import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { op } from '../src/index.js';
import { BATCH_ROWS } from '../src/runtime/arrow-encode.js';
import { fl } from './support/flink-session.js';

/** The session's in-memory source folders, newest last (src/runtime/source-file.ts). */
const sourceDirs = () =>
  readdirSync(fl.engine.workdir.root)
    .filter((d) => d.startsWith('source-'))
    .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]))
    .map((d) => join(fl.engine.workdir.root, d));

describe('in-memory sources written while the job reads them', () => {
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

  it('is written once, by the first job: running the frame again reads the complete file; explain() writes nothing', async () => {
    const x = Float64Array.from({ length: BATCH_ROWS + 10 }, (_, r) => r);
    const t = fl.table({ x }).filter((d: any) => d.x >= 10);
    expect(t.explain()).toContain('x');
    const dir = sourceDirs().at(-1)!;
    expect(readFileSync(join(dir, 'data-0.arrows')).byteLength).toBe(0); // registered, not yet written
    expect(existsSync(join(dir, '_writing'))).toBe(true);
    expect(await t.numRows()).toBe(BATCH_ROWS);
    expect(existsSync(join(dir, '_writing'))).toBe(false);
    x[20] = -1; // read by the first job already: later jobs read the file
    expect(await t.numRows()).toBe(BATCH_ROWS);
    expect(await t.numRows()).toBe(BATCH_ROWS);
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

  it('a writer that fails midway fails the job, and later jobs, instead of reading the first batches as the table', async () => {
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
    await expect(t.numRows()).rejects.toThrow(/Writing an in-memory table .*row unreadable \(test\)/);
    const dir = sourceDirs().at(-1)!;
    expect(readFileSync(join(dir, '_failed'), 'utf8')).toContain('row unreadable (test)');
    expect(existsSync(join(dir, '_writing'))).toBe(false);
    // the two batches written stay unread: the next job fails with the writer's message
    await expect(t.numRows()).rejects.toThrow(/not written to the end: row unreadable \(test\)/);
    // the session still works
    expect(await fl.table({ a: [1, 2, 3] }).numRows()).toBe(3);
  });
});

