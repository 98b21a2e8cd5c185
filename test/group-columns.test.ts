import { afterAll, describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import * as ff from '../src/index.js';
import { desc, op, rolling } from '../src/index.js';
import { expectSameAsArquero } from './support/differential.js';

type D = any; // eslint-disable-line @typescript-eslint/no-explicit-any
/** An aggregate UDF registered below, called by name inside a lambda (the lambda is read as text, never run). */
declare const firstOf: (x: unknown) => number;

// Arquero's groups keep their keys: a key computed by a lambda is no column, and a select, rename or derive that
// drops, renames or replaces a group column leaves the grouping as it was (src/frame/group-columns.ts).
const data = { k: ['a', 'b', 'a', 'c', 'b', 'a'], v: [1, 2, 3, 4, 5, 6], w: [6, 5, 4, 3, 2, 1] };

describe('group keys held in hidden columns match Arquero', () => {
  it('a key computed by a lambda is not a column, but rollup and count output it', async () => {
    await expectSameAsArquero(data, (t) => t.groupby({ key: (d: D) => d.v % 2 }).rollup({ s: op.sum('w') }));
    await expectSameAsArquero(data, (t) => t.groupby({ key: (d: D) => d.v % 2 }).count());
    await expectSameAsArquero(data, (t) => t.groupby({ key: (d: D) => d.v % 2 }).derive({ m: (d: D) => op.max(d.w) }));
    const fl = ff.session({ parallelism: 1 });
    try {
      const grouped = fl.table(data).groupby({ key: (d: D) => d.v % 2 });
      expect(grouped.columnNames()).toEqual(['k', 'v', 'w']);
      expect(grouped.groups()).toEqual(['key']);
    } finally {
      await fl.close();
    }
  });

  it('select that drops or renames the group column keeps the grouping under its name', async () => {
    await expectSameAsArquero(data, (t) => t.groupby('k').select('v').rollup({ s: op.sum('v') }));
    await expectSameAsArquero(data, (t) => t.groupby('k').select({ k: 'z' }, 'v').count({ as: 'n' }));
    // the visible "k" is another column now; the groups still read the old keys
    await expectSameAsArquero(data, (t) => t.groupby('k').select({ k: 'z', v: 'k' }).count());
    await expectSameAsArquero(data, (t) => t.groupby('k').rename({ k: 'key' }).rollup({ n: op.count(), s: op.sum('w') }));
  });

  it('derive replacing a group column keeps the old keys, as Arquero does', async () => {
    await expectSameAsArquero(data, (t) => t.groupby('k').derive({ k: (d: D) => op.upper(d.k) }).count());
  });

  it('window functions and slices partition by hidden keys', async () => {
    await expectSameAsArquero(data, (t) => t.groupby({ p: (d: D) => d.v % 2 }).orderby('v').derive({ r: () => op.row_number() }).select('v', 'r'), { ordered: true });
    await expectSameAsArquero(data, (t) => t.groupby('k').select('v', 'w').orderby(desc('w')).slice(0, 1), { ordered: true });
  });

  it('grouped by a renamed column, an aggregate JavaScript UDF is refused with what to do', async () => {
    const fl = ff.session({ parallelism: 1 });
    try {
      fl.addFunction('firstOf', ff.udf((xs: number[]) => xs[0]!, { returns: 'DOUBLE', aggregate: true }));
      const renamed = fl.table(data).groupby('k').rename({ k: 'z' });
      expect(() => renamed.rollup({ m: (d: D) => firstOf(d.v) })).toThrow(/group by it/);
    } finally {
      await fl.close();
    }
  });
});

describe('expressions in join side selections and lookup values', () => {
  const left = { k: ['a', 'b', 'c'], x: [1, 2, 3] };
  const right = { k: ['a', 'b', 'd'], v: [5, 4, 6] };
  it('cross and join compute them on their own table', async () => {
    await expectSameAsArquero(left, (t, o) => t.cross(o, [{ j: (d: D) => d.k, z: (d: D) => d.x * 10 }, { w: (d: D) => op.upper(d.k) + d.v }]), { other: right });
    await expectSameAsArquero(left, (t, o) => t.join(o, 'k', [{ kk: (d: D) => d.k, x2: (d: D) => d.x * 2 }, ['v']]), { other: right });
  });
  it('join selections refuse aggregates, as Arquero does', () => {
    const fl = ff.session({ parallelism: 1 });
    try {
      const [l, r] = [fl.table(left), fl.table(right)];
      expect(() => l.cross(r, [['k'], { w: (d: D) => d.v - op.mean(d.v) }])).toThrow(/"w".*aggregates/);
    } finally {
      void fl.close();
    }
  });
  it('lookup values may be expressions over the right table', async () => {
    await expectSameAsArquero(left, (t, o) => t.lookup(o, 'k', { u: (d: D) => d.v, c: (d: D) => d.v - op.mean(d.v) }), { other: right });
  });
});

describe("derive with several window orders (rowOrder: 'arquero')", () => {
  const ordered = ff.session({ parallelism: 2, rowOrder: 'arquero' });
  afterAll(() => ordered.close());
  const n = 30;
  const cols = { k: Array.from({ length: n }, (_, i) => i % 3), a: Array.from({ length: n }, (_, i) => (i * 7) % n), b: Array.from({ length: n }, (_, i) => i + 1) };
  const rowsOf = (t: aq.ColumnTable) =>
    (t.objects() as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? null])));

  // Flink 2.3 chains two OverAggregates for rank() (sort keys) and lag (sort keys, then the row ordinal), and lag
  // came out wrong; the derive now computes one projection per window order (src/frame/window-pre-steps.ts)
  it('rank, lag and a rolling mean in one derive give Arquero\'s values', async () => {
    const values = {
      rank: () => op.rank(),
      diff: (d: D) => d.a - op.lag(d.b, 1, 0),
      roll: rolling((d: D) => op.mean(d.a), [-2, 0]),
    };
    const ours = await ordered.table(cols).groupby('k').orderby('a').derive(values).objects();
    const theirs = rowsOf(aq.table(cols).groupby('k').orderby('a').derive(values as D));
    expect(ours).toEqual(theirs);
    expect(ordered.table(cols).groupby('k').orderby('a').derive(values).explain()).toMatch(/window order 1/);
  });
});
