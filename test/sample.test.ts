import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { FlinkFrameError } from '../src/errors.js';
import { fl } from './support/flink-session.js';

type Row = Record<string, unknown>;

/**
 * sample draws with Flink's RAND(), so its rows cannot equal Arquero's seeded ones: these tests compare what
 * both promise (sizes per group, membership, duplicates) against Arquero, and the distribution of weighted
 * draws against the weights over many groups.
 */
const ids = Array.from({ length: 40 }, (_, i) => i);
const data = { id: ids, g: ids.map((i) => (i < 4 ? 'a' : i < 14 ? 'b' : 'c')), w: ids.map((i) => (i % 5 === 0 ? 0 : i)) };

function sizes(rows: Row[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[String(r.g)] = (out[String(r.g)] ?? 0) + 1;
  return out;
}

/** Every row is a row of the input (the same id, g and w together). */
function expectMembers(rows: Row[]): void {
  for (const r of rows) {
    const i = Number(r.id);
    expect([r.g, r.w]).toEqual([data.g[i], data.w[i]]);
  }
}

const distinctIds = (rows: Row[]) => new Set(rows.map((r) => r.id)).size;

describe('sample matches Arquero in size and membership', () => {
  it('per-group sizes from frac() and an expression, like Arquero', async () => {
    for (const size of [aq.frac(0.5), '() => op.round(0.25 * op.count())', () => 3]) {
      const expected = aq.table(data).groupby('g').sample(size as never).objects();
      const rows = await fl.table(data).groupby('g').sample(size).objects();
      expect(sizes(rows)).toEqual(sizes(expected));
      expect(distinctIds(rows)).toBe(rows.length);
      expectMembers(rows);
    }
    const whole = await fl.table(data).sample(aq.frac(0.3)).objects();
    expect(whole).toHaveLength(aq.table(data).sample(aq.frac(0.3)).numRows());
  });

  it('with replacement: exactly n draws per group, repeats allowed, each a row of the table', async () => {
    for (let run = 0; run < 3; ++run) {
      const rows = await fl.table(data).groupby('g').sample(25, { replace: true }).objects();
      const expected = aq.table(data).groupby('g').sample(25, { replace: true }).objects();
      expect(sizes(rows)).toEqual(sizes(expected));
      expectMembers(rows);
      // group a has 4 rows: 25 draws must repeat some
      expect(new Set(rows.filter((r) => r.g === 'a').map((r) => r.id)).size).toBeLessThanOrEqual(4);
    }
  });

  it('weighted without replacement never draws a zero weight while others remain, and follows the weights', async () => {
    const rows = await fl.table(data).groupby('g').sample(2, { weight: 'w' }).objects();
    expect(sizes(rows)).toEqual(sizes(aq.table(data).groupby('g').sample(2, { weight: 'w' }).objects()));
    expectMembers(rows);
    expect(rows.every((r) => Number(r.w) > 0)).toBe(true);
    // 600 groups of two rows weighted 1 and 3: one draw each takes the heavy row with probability 3/4
    const n = 600;
    const pairs = { k: Array.from({ length: 2 * n }, (_, i) => Math.floor(i / 2)), w: Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 3 : 1)) };
    const drawn = await fl.table(pairs).groupby('k').sample(1, { weight: (d: { w: number }) => d.w }).objects();
    expect(drawn).toHaveLength(n);
    const heavy = drawn.filter((r) => r.w === 3).length / n;
    // 6 standard deviations (sqrt(3/16/600) ≈ 0.018) either side
    expect(Math.abs(heavy - 0.75)).toBeLessThan(0.11);
  });

  it('weighted with replacement follows the weights; zero weights are never drawn', async () => {
    const rows = await fl.table({ v: [1, 2, 3], w: [1, 0, 3] }).sample(4000, { weight: 'w', replace: true }).objects();
    expect(rows).toHaveLength(4000);
    expect(rows.some((r) => r.v === 2)).toBe(false);
    const share = rows.filter((r) => r.v === 3).length / rows.length;
    expect(Math.abs(share - 0.75)).toBeLessThan(0.05);
  });

  it('sampled rows keep flowing through later verbs, as in Arquero', async () => {
    const pipeline = (t: any) => t.sample(10, { weight: 'w', replace: true }).filter((d: any) => d.w > 1).groupby('g').count(); // eslint-disable-line @typescript-eslint/no-explicit-any
    const rows = await pipeline(fl.table(data)).objects();
    expect(Object.keys(rows[0]!)).toEqual(pipeline(aq.table(data)).columnNames());
    expect(rows.reduce((s: number, r: Row) => s + Number(r.count), 0)).toBeLessThanOrEqual(10);
  });

  it('with row order kept, drawn copies are separate rows', async () => {
    const ordered = (await import('../src/index.js')).session({ rowOrder: 'arquero', parallelism: 1 });
    try {
      const rows = await ordered.table({ a: [1, 3, 5, 7] }).sample(10, { replace: true }).objects();
      expect(rows).toHaveLength(10);
      expect(rows.every((r) => [1, 3, 5, 7].includes(r.a as number))).toBe(true);
    } finally {
      await ordered.close();
    }
  });

  it('refuses a per-group size with replacement, and an unknown weight column', () => {
    expect(() => fl.table(data).sample(aq.frac(0.5), { replace: true })).toThrow(FlinkFrameError);
    expect(() => fl.table(data).sample(2, { weight: 'nope' })).toThrow(/weight column "nope"/);
  });
});
