import { afterAll, describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import * as ff from '../src/index.js';
import { desc, op } from '../src/index.js';
import { fl } from './support/flink-session.js';

// The decision (docs/semantics.md): without orderby, flinkframe promises the same rows as Arquero but not
// their order (Flink runs in parallel); with orderby, the order is Arquero's, through later verbs too.
describe('row order', () => {
  const n = 2000;
  const data = { i: Array.from({ length: n }, (_, i) => i), g: Array.from({ length: n }, (_, i) => i % 7) };

  it('orderby gives a total order that survives filter, derive, select and rename', async () => {
    const rows = await fl
      .table(data)
      .orderby(desc('i'))
      .filter((d: any) => d.g !== 3)
      .derive({ j: (d: any) => d.i * 2 })
      .select('j', 'i')
      .rename({ j: 'twice' })
      .objects();
    const expected = data.i.filter((i) => i % 7 !== 3).reverse();
    expect(rows.map((r) => r.i)).toEqual(expected);
    expect(rows.map((r) => r.twice)).toEqual(expected.map((i) => i * 2));
  });
  it('without orderby the rows are the same set', async () => {
    const rows = await fl.table(data).filter((d: any) => d.g === 0).objects();
    expect(rows.map((r) => r.i as number).sort((a, b) => a - b)).toEqual(data.i.filter((i) => i % 7 === 0));
  });
});

// rowOrder: 'arquero' keeps Arquero's order without orderby (a hidden row ordinal). Each guarantee is checked
// against Arquero itself on data whose input order is neither sorted nor the order Flink would happen to give.
describe("rowOrder: 'arquero'", () => {
  const ordered = ff.session({ parallelism: 2, rowOrder: 'arquero' });
  afterAll(() => ordered.close());
  const n = 3000;
  // a shuffled permutation, so input order is not value order
  const key = Array.from({ length: n }, (_, i) => (i * 7919) % n);
  const data = { key, g: key.map((k) => `g${(k * 31) % 11}`), v: key.map((k) => k % 5) };
  const local = aq.table(data);

  // Arquero's missing values are undefined where Flink's are null
  const rowsOf = (t: aq.ColumnTable) =>
    (t.objects() as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? null])));

  it('filter, derive and select keep input order', async () => {
    const ours = await ordered
      .table(data)
      .filter((d: any) => d.v !== 2)
      .derive({ w: (d: any) => d.key * 2 })
      .select('w', 'g')
      .objects();
    const theirs = rowsOf(local.filter((d: any) => d.v !== 2).derive({ w: (d: any) => d.key * 2 }).select('w', 'g'));
    expect(ours).toEqual(theirs);
  });

  it('orderby is stable: ties keep input order', async () => {
    const ours = await ordered.table(data).orderby('v').objects();
    expect(ours).toEqual(rowsOf(local.orderby('v')));
    const down = await ordered.table(data).orderby(desc('v')).select('key').objects();
    expect(down).toEqual(rowsOf(local.orderby(desc('v')).select('key')));
  });

  it('unorder returns to input order', async () => {
    const ours = await ordered.table(data).orderby('v').unorder().select('key').objects();
    expect(ours.map((r) => r.key)).toEqual(key);
  });

  it('groups come in first-appearance order (rollup, count)', async () => {
    const rolled = await ordered.table(data).groupby('g').rollup({ s: op.sum('v') }).objects();
    expect(rolled).toEqual(rowsOf(local.groupby('g').rollup({ s: op.sum('v') })));
    const counted = await ordered.table(data).filter((d: any) => d.key % 3 === 0).groupby('v').count().objects();
    expect(counted).toEqual(rowsOf(local.filter((d: any) => d.key % 3 === 0).groupby('v').count()));
  });

  it('concat keeps table order, then row order', async () => {
    const a = { x: [5, 3, 9], y: ['a', 'b', 'c'] };
    const b = { x: [2, 8], y: ['d', 'e'] };
    const c = { x: [7, 1, 4], y: ['f', 'g', 'h'] };
    const ours = await ordered.table(a).concat(ordered.table(b), ordered.table(c)).objects();
    expect(ours).toEqual(rowsOf(aq.table(a).concat(aq.table(b), aq.table(c))));
    // a concat of concats, filtered after
    const nested = await ordered.table(c).concat(ordered.table(a).concat(ordered.table(b))).filter((d: any) => d.x > 2).objects();
    expect(nested).toEqual(rowsOf(aq.table(c).concat(aq.table(a).concat(aq.table(b))).filter((d: any) => d.x > 2)));
  });

  it('dedupe and union keep the first occurrence, in input order', async () => {
    const t = { a: [3, 1, 3, 2, 1], b: [1, 2, 1, 4, 5] };
    expect(await ordered.table(t).dedupe('a').objects()).toEqual(rowsOf(aq.table(t).dedupe('a')));
    const u = { a: [2, 9], b: [4, 9] };
    expect(await ordered.table(t).union(ordered.table(u)).objects()).toEqual(rowsOf(aq.table(t).union(aq.table(u))));
  });

  it('joins come in Arquero order (matches by the scanned table, then unmatched left, then unmatched right)', async () => {
    const l = { k: ['b', 'a', 'c', 'b', 'z'], x: [1, 2, 3, 4, 5] };
    const r = { k: ['a', 'b', 'y', 'b'], y: [10, 20, 30, 40] };
    for (const how of ['join', 'join_left', 'join_right', 'join_full'] as const) {
      const ours = await (ordered.table(l) as any)[how](ordered.table(r), 'k').objects();
      const theirs = rowsOf((aq.table(l) as any)[how](aq.table(r), 'k'));
      expect(ours, how).toEqual(theirs);
    }
    // the right table larger: Arquero scans it instead
    const big = { k: ['b', 'a', 'b', 'a', 'b', 'q'], y: [1, 2, 3, 4, 5, 6] };
    expect(await ordered.table(l).join(ordered.table(big), 'k').objects()).toEqual(rowsOf(aq.table(l).join(aq.table(big), 'k')));
    const pred = await ordered.table(l).join(ordered.table(big), (a: any, b: any) => a.k === b.k).objects();
    expect(pred).toEqual(rowsOf(aq.table(l).join(aq.table(big), (a: any, b: any) => a.k === b.k)));
  });

  it('window functions without orderby follow input order', async () => {
    const t = { v: [4, 1, 3, 2] };
    const ours = await ordered.table(t).derive({ prev: op.lag('v'), n: () => op.row_number() }).objects();
    expect(ours).toEqual([
      { v: 4, prev: null, n: 1 },
      { v: 1, prev: 4, n: 2 },
      { v: 3, prev: 1, n: 3 },
      { v: 2, prev: 3, n: 4 },
    ]);
  });

  it('one expression mixing ranks (sort keys) and lag (sort keys, then input order) in derive and filter', async () => {
    const t = { k: [2, 1, 2, 3, 1, 2], g: ['a', 'b', 'a', 'a', 'b', 'b'], id: [1, 2, 3, 4, 5, 6] };
    const mixed = { x: (d: any) => op.rank() * 10 + op.lag(d.id, 1, 0), y: (d: any) => op.dense_rank() - op.nth_value(d.id, 2) };
    expect(await ordered.table(t).orderby('k').derive(mixed).objects()).toEqual(rowsOf(aq.table(t).orderby('k').derive(mixed)));
    expect(await ordered.table(t).groupby('g').orderby(desc('k')).derive(mixed).objects()).toEqual(rowsOf(aq.table(t).groupby('g').orderby(desc('k')).derive(mixed)));
    const test = (d: any) => op.rank() * 10 + op.lag(d.id, 1, 0) > 21;
    expect(await ordered.table(t).orderby('k').filter(test).objects()).toEqual(rowsOf(aq.table(t).orderby('k').filter(test)));
  });

  it('slice takes positions in input order, also from the end', async () => {
    const t = { v: [9, 4, 7, 1, 8] };
    expect(await ordered.table(t).slice(1, 3).objects()).toEqual([{ v: 4 }, { v: 7 }]);
    expect(await ordered.table(t).slice(-2).objects()).toEqual([{ v: 1 }, { v: 8 }]);
  });

  it('fold emits each row in turn', async () => {
    const t = { k: ['p', 'q'], x: [1, 2], y: [3, 4] };
    expect(await ordered.table(t).fold(['x', 'y']).objects()).toEqual(rowsOf(aq.table(t).fold(['x', 'y'])));
  });

  it('the ordinal stays hidden', () => {
    expect(ordered.table(data).columnNames()).toEqual(['key', 'g', 'v']);
    expect(ordered.table(data).groupby('g').count().columnNames()).toEqual(['g', 'count']);
  });
});
