import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { session, udf } from '../src/index.js';
import { fl } from './support/flink-session.js';

// lambdas are shipped as text, so `op` here is only a name the translator reads
declare const op: Record<string, (...args: unknown[]) => any>;

/** Plain reductions, used as the UDFs' code and, in Arquero, over each group's array_agg (the oracle). */
const median = (xs: ArrayLike<number>) => {
  const s = Float64Array.from(xs as ArrayLike<number>).sort();
  const m = s.length >> 1;
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1]! + s[m]!) / 2;
};
const weightedMean = (xs: ArrayLike<number>, ws: ArrayLike<number>) => {
  let sum = 0;
  let weights = 0;
  for (let i = 0; i < xs.length; i++) {
    sum += xs[i]! * ws[i]!;
    weights += ws[i]!;
  }
  return weights ? sum / weights : null;
};
const nulls = (xs: Iterable<unknown>) => [...xs].filter((v) => v === null || v === undefined).length;
// ties broken by value: the order of a group's rows is not defined (as in SQL)
const longest = (words: Iterable<string | null>) => [...words].reduce<string>((best, w) => (w !== null && (w.length > best.length || (w.length === best.length && w > best)) ? w : best), '');

fl.addFunction('median', udf(median, { returns: 'DOUBLE', aggregate: true, batchSize: 100 }));
fl.addFunction('wmean', udf(weightedMean, { returns: 'DOUBLE', aggregate: true, batchSize: 100 }));
fl.addFunction('nulls', udf(nulls, { returns: 'BIGINT', aggregate: true }));
fl.addFunction('longest', udf(longest, { returns: 'STRING', aggregate: true }));

function rows(n: number) {
  const k = Array.from({ length: n }, (_, i) => (i % 41 === 0 ? null : `g${(i * 7) % 37}`));
  const x = Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 8);
  const w = Array.from({ length: n }, (_, i) => 1 + (i % 5));
  const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : i));
  const word = Array.from({ length: n }, (_, i) => (i % 4 === 0 ? null : 'w'.repeat(i % 13) + i));
  return { k, x, w, y, word };
}
const TYPES = { types: { x: 'DOUBLE', w: 'DOUBLE', y: 'BIGINT' } };

const norm = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v ?? null);
const sortedRows = (rs: Record<string, unknown>[]) =>
  rs.map((r) => JSON.stringify(Object.entries(r).map(([c, v]) => [c, norm(v)]))).sort();

/**
 * The same aggregates in Arquero: each group's values as arrays (array_agg, which skips nulls: the null count
 * is Arquero's own count - valid), reduced by the same plain functions.
 */
function arqueroRollup(data: ReturnType<typeof rows>, groups: string[]) {
  const t = aq.table(data);
  const g = groups.length ? t.groupby(...groups) : t;
  return (g.rollup({ xs: aq.op.array_agg('x'), ws: aq.op.array_agg('w'), valid: aq.op.valid('y'), words: aq.op.array_agg('word'), n: aq.op.count(), sx: aq.op.sum('x') }) as aq.ColumnTable)
    .objects()
    .map((r: any) => ({
      ...Object.fromEntries(groups.map((c) => [c, r[c]])),
      m: median(r.xs),
      n: r.n,
      wm: weightedMean(r.xs, r.ws.map((v: number) => v * 2)),
      sx: r.sx,
      ny: r.n - r.valid,
      long: longest(r.words),
    }));
}

describe('aggregate JavaScript UDFs in rollup', () => {
  it('per group, mixed with SQL aggregates, against Arquero (groups larger than a batch and many per batch)', async () => {
    const data = rows(8000);
    const t = fl.table(data, undefined, TYPES).groupby('k').rollup({
      m: (d: any) => op.median(d.x),
      n: aq.op.count(),
      wm: (d: any) => op.wmean(d.x, d.w * 2), // an argument computed by Flink SQL first
      sx: aq.op.sum('x'),
      ny: (d: any) => op.nulls(d.y), // a column with nulls arrives as an Arrow vector
      long: (d: any) => op.longest(d.word),
    });
    expect(t.columnNames()).toEqual(['k', 'm', 'n', 'wm', 'sx', 'ny', 'long']);
    expect(t.explain()).toContain('JavaScript aggregate UDF stage: median(d.x) per group of (k)');
    const actual = await t.objects();
    const expected = arqueroRollup(data, ['k']);
    expect(actual.length).toBe(38); // 37 keys and null
    expect(sortedRows(actual)).toEqual(sortedRows(expected));
  });

  it('over the whole table, and over an empty table (one row, as a SQL aggregate gives)', async () => {
    const data = rows(3000);
    const t = fl.table(data, undefined, TYPES);
    const whole = await t.rollup({ m: (d: any) => op.median(d.x), n: aq.op.count(), ny: (d: any) => op.nulls(d.y) }).objects();
    const [e] = arqueroRollup(data, []);
    expect(sortedRows(whole)).toEqual(sortedRows([{ m: e!.m, n: e!.n, ny: e!.ny }]));
    const empty = await t.filter((d: any) => d.x < 0).rollup({ m: (d: any) => op.median(d.x), ny: (d: any) => op.nulls(d.y) }).objects();
    expect(empty).toEqual([{ m: null, ny: 0 }]);
  });

  it('only UDF aggregates, grouped by two keys; typed arrays for numeric columns without nulls', async () => {
    fl.addFunction('kinds', udf((xs: unknown, ws: unknown) => `${(xs as object).constructor.name}/${(ws as object).constructor.name}`, { returns: 'STRING', aggregate: true }));
    const t = fl.table({ a: [1, 1, 2, 2, 2], b: ['x', 'x', 'y', 'z', 'y'], v: [1, 2, 3, 4, 5], w: [1, 1, 1, 1, 1] }, undefined, { types: { a: 'BIGINT', v: 'DOUBLE', w: 'BIGINT' } })
      .groupby('a', 'b')
      .rollup({ m: (d: any) => op.median(d.v), kinds: (d: any) => op.kinds(d.v, d.w) });
    const got = (await t.objects()).sort((p: any, q: any) => p.a - q.a || p.b.localeCompare(q.b));
    expect(got).toEqual([
      { a: 1, b: 'x', m: 1.5, kinds: 'Float64Array/BigInt64Array' },
      { a: 2, b: 'y', m: 4, kinds: 'Float64Array/BigInt64Array' },
      { a: 2, b: 'z', m: 4, kinds: 'Float64Array/BigInt64Array' },
    ]);
  });

  it('object form with open(ctx), metrics and bound arguments', async () => {
    fl.addFunction('quantile', udf({
      open(ctx: any) {
        this.groups = ctx.metrics.counter('groups');
        this.sizes = ctx.metrics.distribution('groupSize');
      },
      eval(this: any, xs: Float64Array, q: number) {
        this.groups.inc();
        this.sizes.update(xs.length);
        const s = Float64Array.from(xs).sort();
        return s[Math.min(s.length - 1, Math.floor(q * s.length))];
      },
    } as any, { returns: 'DOUBLE', aggregate: true }).partial({ q: 0.9 }));
    const data = { g: Array.from({ length: 1000 }, (_, i) => i % 4), x: Array.from({ length: 1000 }, (_, i) => i) };
    const got = await fl.table(data, undefined, { types: { g: 'BIGINT', x: 'DOUBLE' } }).groupby('g').rollup({ p90: (d: any) => op.quantile(d.x) }).objects();
    expect(got.sort((p: any, q: any) => p.g - q.g)).toEqual([0, 1, 2, 3].map((g) => ({ g, p90: 900 + g })));
    const m = fl.lastJob()!.metrics.quantile!;
    expect(m.groups).toEqual({ kind: 'counter', count: 4 });
    expect(m.groupSize).toMatchObject({ kind: 'distribution', count: 4, min: 250, max: 250, sum: 1000 });
  });

  it('a JS exception fails the job with the UDF name, the group key, its size and first row', async () => {
    fl.addFunction('picky', udf((xs: Float64Array) => {
      if (xs.length === 2) throw new RangeError('groups of two are not allowed');
      return xs.length;
    }, { returns: 'BIGINT', aggregate: true }));
    const t = fl.table({ k: ['a', 'b', 'b', 'c'], x: [1, 2, 3, 4] }, undefined, { types: { x: 'DOUBLE' } }).groupby('k').rollup({ p: (d: any) => op.picky(d.x) });
    const e = await t.objects().then(() => undefined, (err: Error) => err);
    expect(e?.message).toMatch(/JavaScript UDF 'picky' failed on the group \(k="b"\) of 2 rows starting with \(d\.x=[23]\): groups of two are not allowed/);
    expect(e?.message).toMatch(/\(JS\) at .*udf:picky/);
  });

  it('a result of the wrong type, or an array instead of one value, fails per group', async () => {
    fl.addFunction('wordy', udf(() => 'many', { returns: 'BIGINT', aggregate: true }));
    fl.addFunction('arrayish', udf((xs: Float64Array) => xs, { returns: 'DOUBLE', aggregate: true }));
    const t = fl.table({ k: ['a'], x: [1] }, undefined, { types: { x: 'DOUBLE' } }).groupby('k');
    await expect(t.rollup({ w: (d: any) => op.wordy(d.x) }).objects()).rejects.toThrow(/'wordy' failed on the group \(k="a"\) of 1 rows.*expected an integer, got "many"/s);
    await expect(t.rollup({ w: (d: any) => op.arrayish(d.x) }).objects()).rejects.toThrow(/'arrayish' failed on the group \(k="a"\).*returned Float64Array; an aggregate UDF returns one value per group/s);
  });

  it('refuses aggregate UDFs outside rollup, nested in expressions, and in streaming sessions', () => {
    const t = fl.table({ k: ['a'], x: [1] }, undefined, { types: { x: 'DOUBLE' } });
    expect(() => t.derive({ m: (d: any) => op.median(d.x) })).toThrow(/median\(d\.x\) is an aggregate UDF: call it in rollup/);
    expect(() => t.groupby('k').rollup({ m: (d: any) => op.median(d.x) * 2 })).toThrow(/uses the aggregate UDF median\(\) inside a larger expression/);
    expect(() => udf((x: number) => x, { returns: 'DOUBLE', aggregate: true, vectorized: true })).toThrow(/drop vectorized/);
    const streaming = session({ mode: 'streaming' });
    streaming.addFunction('median', udf(median, { returns: 'DOUBLE', aggregate: true }));
    // the check needs no engine: the session's options say streaming
    expect(() => rollupOf(streaming)).toThrow(/runs in batch sessions only for now/);
  });
});

function rollupOf(s: ReturnType<typeof session>) {
  // a frame whose schema is known without Flink (its source), so nothing starts
  const t = s.table({ x: [1] }, undefined, { types: { x: 'DOUBLE' } });
  return t.rollup({ m: (d: any) => op.median(d.x) });
}
