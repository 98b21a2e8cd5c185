import * as aq from 'arquero';
import { afterAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import { op } from '../src/index.js';
import { expectSameAsArquero } from './support/differential.js';
import { fl } from './support/flink-session.js';

type D = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * op.product, covariance, covariancep and corr have no exact Flink SQL aggregate: in rollup they run as
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
});
