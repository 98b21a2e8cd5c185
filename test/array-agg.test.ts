import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import { expectSameAsArquero } from './support/differential.js';
import { fl } from './support/flink-session.js';

const { op } = aq;

// op.array_agg collects a group's valid values in row order (ARRAY_AGG ... IGNORE NULLS; per row over the
// ordered window; rollup of an ordered table goes through that window first: verbs/rollup.ts).
describe('array_agg', () => {
  const data = { g: ['a', 'b', 'a', 'b', 'a', 'c'], v: [3, 1, 4, NaN, 2, null], k: [1, 2, 3, 4, 5, 6] };

  it('rollup of an ordered table keeps the order, per group', async () => {
    await expectSameAsArquero(data, (t) => t.orderby('v').groupby('g').rollup({ a: op.array_agg('v'), n: op.count() }));
    await expectSameAsArquero(data, (t) => t.orderby(aq.desc('k')).rollup({ a: op.array_agg('v') }));
  });

  it('per row (derive) over the ordered window, and over rolling frames', async () => {
    await expectSameAsArquero(data, (t) => t.orderby('k').groupby('g').derive({ a: op.array_agg('v') }), { ordered: true });
    await expectSameAsArquero(
      data,
      (t) => t.orderby('k').derive({ w: aq.rolling(op.array_agg('k'), [-2, 0]), s: aq.rolling(op.sum('k'), [-1, 1]) }),
      { ordered: true },
    );
  });

  it('is unrolled back into the rows it came from', async () => {
    await expectSameAsArquero(data, (t) => t.orderby('k').groupby('g').rollup({ k: op.array_agg('k') }).unroll('k'));
  });

  it("keeps input order without orderby under rowOrder: 'arquero'", async () => {
    const ordered = ff.session({ parallelism: 2, rowOrder: 'arquero', engine: 'flink' });
    try {
      const expected = aq.table(data).groupby('g').rollup({ a: op.array_agg('k') }).objects();
      expect(await ordered.table(data).groupby('g').rollup({ a: op.array_agg('k') }).objects()).toEqual(expected);
    } finally {
      await ordered.close();
    }
  });

  it('array_agg_distinct gives each valid value once', async () => {
    const rows = await fl.table(data).groupby('g').rollup({ a: op.array_agg_distinct('v') }).orderby('g').objects();
    const expected = aq.table(data).groupby('g').rollup({ a: op.array_agg_distinct('v') }).orderby('g').objects();
    expect(rows.map((r) => [r.g, [...(r.a as number[] ?? [])].sort()])).toEqual(expected.map((r) => [r.g, [...(r.a as number[])].sort()]));
  });
});

