import { describe, expect, it } from 'vitest';
import { all, desc, not, op, range } from '../src/index.js';
import { depts, empty, numbers, people } from './support/data.js';
import { expectSameAsArquero } from './support/differential.js';
import { fl } from './support/flink-session.js';

describe('verbs match Arquero', () => {
  it('filter', () => expectSameAsArquero(people, (t) => t.filter((d: any) => d.age > 30)));
  it('filter with params', () =>
    expectSameAsArquero(people, (t) => t.params({ lo: 30 }).filter((d: any, $: any) => d.age > $.lo)));
  it('derive', () => expectSameAsArquero(numbers, (t) => t.derive({ c: (d: any) => d.a * 2 + 1, r: (d: any) => d.a / d.b })));
  it('derive replaces a column in place', () => expectSameAsArquero(numbers, (t) => t.derive({ a: (d: any) => d.a + 100 })));
  it('derive with before/after', () =>
    expectSameAsArquero(numbers, (t) => t.derive({ c: (d: any) => d.a - d.b }, { before: 'a' })));
  it('select by names, all, not, range', async () => {
    await expectSameAsArquero(people, (t) => t.select('name', 'id'));
    await expectSameAsArquero(people, (t) => t.select(all()));
    await expectSameAsArquero(people, (t) => t.select(not('salary', 'active')));
    await expectSameAsArquero(people, (t) => t.select(range('name', 'age')));
    await expectSameAsArquero(people, (t) => t.select({ name: 'who', id: 'key' }));
  });
  it('rename', () => expectSameAsArquero(people, (t) => t.rename({ name: 'who', age: 'years' })));
  it('relocate', async () => {
    await expectSameAsArquero(people, (t) => t.relocate(['age', 'salary'], { before: 'name' }));
    await expectSameAsArquero(people, (t) => t.relocate('id', { after: 'active' }));
  });
  it('groupby + rollup', () =>
    expectSameAsArquero(people, (t) =>
      t.groupby('dept').rollup({
        n: op.count(),
        total: op.sum('salary'),
        mean_age: op.mean('age'),
        oldest: op.max('age'),
        youngest: op.min('age'),
        names: op.distinct('name'),
      }),
    ));
  it('rollup without groups', () =>
    expectSameAsArquero(numbers, (t) => t.rollup({ n: op.count(), s: op.sum('a'), m: op.mean('a'), sd: op.stdev('x'), v: op.variance('x') })));
  it('groupby + count, ungroup', async () => {
    await expectSameAsArquero(people, (t) => t.groupby('dept').count());
    await expectSameAsArquero(people, (t) => t.groupby('dept').count({ as: 'people' }));
    await expectSameAsArquero(people, (t) => t.groupby('dept').ungroup().count());
  });
  it('orderby, with desc, is kept through select', async () => {
    await expectSameAsArquero(people, (t) => t.orderby('age'), { ordered: true });
    await expectSameAsArquero(people, (t) => t.orderby(desc('salary'), 'id').select('name'), { ordered: true });
    await expectSameAsArquero(numbers, (t) => t.orderby((d: any) => d.a * d.b), { ordered: true });
  });
  it('unorder', () => expectSameAsArquero(people, (t) => t.orderby('age').unorder()));
  it('slice and head push a LIMIT down', async () => {
    await expectSameAsArquero(people, (t) => t.orderby('id').slice(1, 4), { ordered: true });
    await expectSameAsArquero(people, (t) => t.orderby(desc('id')).slice(0, 2), { ordered: true });
    const explained = fl.table(people).orderby('id').head(2).explain();
    expect(explained).toMatch(/limit=\[2\]|LIMIT 2|fetch=\[2\]/i);
  });
  it('dedupe', async () => {
    await expectSameAsArquero({ k: [1, 1, 2, 2, 3], v: ['a', 'a', 'b', 'c', 'd'] }, (t) => t.dedupe());
    await expectSameAsArquero({ k: [1, 1, 2, 2, 3], v: ['a', 'b', 'c', 'd', 'e'] }, (t) => t.orderby('v').dedupe('k'), { ordered: false });
  });
  it('joins on key columns', async () => {
    for (const verb of ['join', 'join_left', 'join_right', 'join_full']) {
      await expectSameAsArquero(people, (t, o) => t[verb](o, 'dept'), { other: depts });
    }
    await expectSameAsArquero(people, (t, o) => t.join(o), { other: depts });
    await expectSameAsArquero(people, (t, o) => t.join(o, [['dept'], ['dept']]), { other: depts });
  });
  it('join with clashing names gets suffixes', () =>
    expectSameAsArquero({ k: [1, 2], v: ['a', 'b'] }, (t, o) => t.join(o, 'k'), { other: { k: [1, 2], v: ['x', 'y'] } }));
  it('concat and union', async () => {
    await expectSameAsArquero({ a: [1, 2], b: ['x', 'y'] }, (t, o) => t.concat(o), { other: { a: [2, 3], b: ['y', 'z'] } });
    await expectSameAsArquero({ a: [1, 2], b: ['x', 'y'] }, (t, o) => t.union(o), { other: { a: [2, 3], b: ['y', 'z'] } });
  });
  it('a longer pipeline', () =>
    expectSameAsArquero(
      people,
      (t, o) =>
        t
          .filter((d: any) => d.age != null)
          .derive({ band: (d: any) => (d.age >= 40 ? 'senior' : 'junior') })
          .join_left(o, 'dept')
          .groupby('band')
          .rollup({ n: op.count(), floors: op.sum('floor') })
          .orderby('band'),
      { other: depts, ordered: true },
    ));
  it('empty input', async () => {
    const types = { a: 'DOUBLE', s: 'STRING' };
    await expectSameAsArquero(empty, (t) => t.filter((d: any) => d.a > 0), { types });
    await expectSameAsArquero(empty, (t) => t.derive({ b: (d: any) => d.a + 1 }), { types });
    expect(await fl.table(empty, undefined, { types }).groupby('s').count().objects()).toEqual([]);
    expect(await fl.table(empty, undefined, { types }).numRows()).toBe(0);
  });
});

describe('in-memory tables reach Flink as they are (the Arrow encoder)', () => {
  const strings = ['plain', '', null, 'Zoë', '日本語', '😀 astral 𝄞', undefined, 'a\u0000b', 'tab\tand\nnewline'];
  it('strings: nulls, empty strings, unicode with astral characters', () =>
    expectSameAsArquero({ s: strings, i: strings.map((_, i) => i) }, (t) =>
      t.derive({ u: (d: any) => op.upper(d.s) }).orderby('i'), { ordered: true }));
  it('numbers: nulls, NaN-free large ints, negative zero and fractions', () =>
    expectSameAsArquero(
      { x: [2 ** 53 - 1, -(2 ** 53 - 1), null, 0.1, -0, 1e300, undefined, 12345678901], k: [1, 2, 3, 4, 5, 6, 7, 8] },
      (t) => t.filter((d: any) => d.k > 0).orderby('k'),
      { ordered: true },
    ));
  it('bigints as BIGINT, dates as TIMESTAMP(3), booleans', () =>
    expectSameAsArquero(
      {
        n: [9007199254740991n, -5n, null, 0n], // results come back as JS numbers: within 2^53
        t: [new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 999)), null, new Date(Date.UTC(2024, 1, 29)), new Date(0)],
        b: [true, null, false, true],
        k: [1, 2, 3, 4],
      },
      (t) => t.orderby('k'),
      { ordered: true, types: { n: 'BIGINT' } },
    ));
  it('all-null columns and an empty table', async () => {
    await expectSameAsArquero({ s: [null, null, null], x: [null, null, null], k: [1, 2, 3] }, (t) => t.orderby('k'), {
      ordered: true,
      types: { s: 'STRING', x: 'DOUBLE' },
    });
    await expectSameAsArquero({ s: [] as string[], x: [] as number[] }, (t) => t.filter((d: any) => d.x > 0), { types: { s: 'STRING', x: 'DOUBLE' } });
  });
  it('typed arrays and plain arrays across many record batches', () => {
    const rows = 150_000; // more than two record batches
    const k = new Int32Array(rows), x = new Float64Array(rows);
    const s: (string | null)[] = [], v: (number | null)[] = [];
    for (let i = 0; i < rows; i++) {
      k[i] = i % 7;
      x[i] = i / 4;
      s.push(i % 11 === 0 ? null : i % 13 === 0 ? `ü${i % 5}` : `s${i % 5}`);
      v.push(i % 17 === 0 ? null : i);
    }
    return expectSameAsArquero({ k, x, s, v } as any, (t) =>
      t.groupby('k', 's').rollup({ n: op.count(), sx: op.sum('x'), sv: op.sum('v'), nv: op.valid('v') }));
  });
});
