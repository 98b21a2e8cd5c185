import * as aq from 'arquero';
import { afterAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import { op } from '../src/index.js';
import { expectSameAsArquero } from './support/differential.js';
import { fl } from './support/flink-session.js';

type D = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * op.product, mode, covariance, covariancep and corr have no exact Flink SQL aggregate: in rollup they run as
 * JavaScript aggregates per group (src/frame/js-aggregates.ts). Checked against Arquero.
 */
const data = {
  g: ['a', 'a', 'a', 'b', 'b', 'c', 'c', 'c', 'c'],
  x: [1.5, -2, 4, 0, 3, null, 2, NaN, 5],
  y: [2, 1, 7, 5, 3, 1, 4, 2, 8],
};

describe('exact aggregates run as JavaScript aggregates in rollup', () => {
  it('product per group skips null and NaN, with SQL aggregates beside it', async () => {
    await expectSameAsArquero(data, (t: D) => t.groupby('g').rollup({ p: op.product('x'), s: op.sum('y'), q: (d: D) => op.product(op.abs(d.y) + 1) }));
    await expectSameAsArquero(data, (t: D) => t.rollup({ p: (d: D) => op.product(d.x) }));
    // all values invalid: Arquero gives undefined, Flink null
    await expectSameAsArquero(data, (t: D) => t.filter((d: D) => d.g === 'c' && d.y < 3).rollup({ p: op.product('x') }));
  });

  it('covariance, covariancep and corr per group, pairs with an invalid value skipped', async () => {
    await expectSameAsArquero(data, (t: D) =>
      t.groupby('g').rollup({ c: op.covariance('x', 'y'), cp: op.covariancep('x', 'y'), r: (d: D) => op.corr(d.x, d.y) }),
    );
    await expectSameAsArquero(data, (t: D) => t.rollup({ r: op.corr('y', 'x'), n: op.count() }));
  });

  it('a product of bigints is an exact bigint, beyond 2^53', async () => {
    const v = [3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n, 43n, 47n];
    const expected = v.reduce((a, b) => a * b, 1n);
    expect(expected > 2n ** 53n).toBe(true);
    expect(aq.table({ v }).rollup({ p: op.product('v') }).objects()[0]!.p).toBe(expected);
    // BIGINT results reach JS as numbers (docs/semantics.md): the low digits, computed in Flink, show exactness
    const rolled = fl.table({ v }).rollup({ p: op.product('v') });
    expect(rolled.schema().find((f) => f.name === 'p')!.type).toMatch(/^BIGINT/);
    const [row] = await rolled.derive({ low: (d: D) => d.p % 1000000 }).select('low').objects();
    expect(row!.low).toBe(Number(expected % 1000000n));
    expect(Number(expected) % 1000000).not.toBe(Number(expected % 1000000n)); // a double product would not do
  });

  it('rejects non-numeric arguments with the op named', () => {
    expect(() => fl.table(data).rollup({ p: op.product('g') })).toThrow(/op.product\(\) takes numbers; argument 1 is STRING/);
  });
});

describe('in derive, over whole groups: rolled up and joined back to the rows', () => {
  it('per group and over the whole table, beside SQL values, in Arquero\'s column order', async () => {
    await expectSameAsArquero(data, (t: D) => t.groupby('g').derive({ p: op.product('y'), s: (d: D) => d.y * 2, m: op.mode('y') }));
    await expectSameAsArquero(data, (t: D) => t.derive({ y: op.product('y'), r: op.corr('x', 'y') }));
    await expectSameAsArquero(data, (t: D) => t.groupby('g').derive({ p: op.product('y') }, { drop: true }));
  });
  it('refuses running and rolling frames', () => {
    expect(() => fl.table(data).orderby('y').derive({ p: op.product('y') })).toThrow(/running frame of an ordered table/);
    expect(() => fl.table(data).derive({ p: ff.rolling(op.product('y'), [-1, 1]) })).toThrow(/rolling frame/);
  });
});

describe('columns with no values take any type, as Arquero\'s untyped columns do', () => {
  it('aggregates of an empty, all-null or all-NaN column are null, Arquero\'s undefined', async () => {
    for (const v of [[], [null, null], [undefined, undefined], [NaN, NaN]]) {
      await expectSameAsArquero({ v }, (t: D) =>
        t.rollup({ sum: op.sum('v'), prod: op.product('v'), mode: op.mode('v'), med: op.median('v'), min: op.min('v'), sd: op.stdev('v') }),
      );
    }
  });
  it('and string ops read them as nulls too', async () => {
    await expectSameAsArquero({ k: [1, 2], v: [null, null] }, (t: D) => t.derive({ u: (d: D) => op.upper(d.v), n: (d: D) => op.abs(d.v) }));
  });
});

describe('with rowOrder: arquero, groups keep their first-appearance order', () => {
  const ordered = ff.session({ rowOrder: 'arquero', parallelism: 2, engine: 'flink' });
  afterAll(() => ordered.close());
  it('a rollup with a JavaScript aggregate lists groups as Arquero does', async () => {
    const pipeline = (t: D) => t.groupby('g').rollup({ p: op.product('y'), r: op.corr('x', 'y') });
    const rows = data.g.map((_, i) => i).reverse();
    const reversed = Object.fromEntries(Object.entries(data).map(([k, col]) => [k, rows.map((i) => col[i])]));
    const expected = pipeline(aq.table(reversed)).objects();
    const actual = await pipeline(ordered.table(reversed)).objects();
    expect(actual.map((r: D) => r.g)).toEqual(expected.map((r: D) => r.g));
    expect(actual.map((r: D) => r.p)).toEqual(expected.map((r: D) => r.p));
  });
  it('a derive with a whole-group JavaScript aggregate keeps the rows in order', async () => {
    const pipeline = (t: D) => t.groupby('g').derive({ p: op.product('y'), q: (d: D) => d.y + 1 });
    expect(await pipeline(ordered.table(data)).objects()).toEqual(pipeline(aq.table(data)).objects());
  });
  it('op.mode breaks ties by first appearance, as Arquero does', async () => {
    const ties = { g: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'c'], s: ['y', 'x', 'x', 'y', null, 'q', 'p', null], n: [2, 1, 1, 2, 5, 6, 6, 5] };
    const pipeline = (t: D) => t.groupby('g').rollup({ s: op.mode('s'), n: op.mode('n'), c: op.count() });
    for (const data of [ties, Object.fromEntries(Object.entries(ties).map(([k, col]) => [k, [...col].reverse()]))]) {
      expect(await pipeline(ordered.table(data)).objects()).toEqual(pipeline(aq.table(data)).objects().map((r: D) => ({ ...r, s: r.s ?? null })));
    }
  });
});
