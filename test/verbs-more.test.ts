import { describe, expect, it } from 'vitest';
import { not, op } from '../src/index.js';
import { FlinkFrameError } from '../src/errors.js';
import { depts, empty, numbers, people } from './support/data.js';
import { expectSameAsArquero } from './support/differential.js';
import { fl } from './support/flink-session.js';

type D = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Keys with a null and unicode on both sides: Arquero's keyed joins never match nulls. */
const left = { k: [1, 2, null, 3, 3], v: ['a', 'ü', 'c', '李', 'e'] };
const right = { k: [null, 2, 3, 4], w: ['x', 'y', 'z', 'ω'] };
/** Comma-separated words, split into arrays on both engines (sources take no array columns). */
const words = { id: [1, 2, 3, 4], s: ['a,b,c', 'ü', 'x,李', null] };
const arrays = (t: D) => t.filter((d: D) => d.s != null).derive({ arr: (d: D) => op.split(d.s, ',') });

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FlinkFrameError);
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('semijoin and antijoin match Arquero', () => {
  it('on a shared key, with nulls never matching', async () => {
    await expectSameAsArquero(left, (t, o) => t.semijoin(o, 'k'), { other: right });
    await expectSameAsArquero(left, (t, o) => t.antijoin(o, 'k'), { other: right });
  });
  it('natural (no keys) and [leftKeys, rightKeys]', async () => {
    await expectSameAsArquero(left, (t, o) => t.semijoin(o), { other: right });
    await expectSameAsArquero(people, (t, o) => t.semijoin(o.rename({ dept: 'd' }), ['dept', 'd']), { other: depts });
    await expectSameAsArquero(people, (t, o) => t.antijoin(o, [['dept'], ['dept']]), { other: depts });
  });
  it('with a two-row predicate', async () => {
    await expectSameAsArquero(numbers, (t, o) => t.semijoin(o, (a: D, b: D) => a.a < b.lo), { other: { lo: [0, 1] } });
    await expectSameAsArquero(numbers, (t, o) => t.antijoin(o, (a: D, b: D) => a.a < b.lo && a.x > 0), { other: { lo: [0, 1] } });
  });
  it('an empty right table keeps nothing / everything', async () => {
    await expectSameAsArquero(numbers, (t, o) => t.semijoin(o, [['a'], ['a']]), { other: empty, otherTypes: { a: 'DOUBLE' } });
    await expectSameAsArquero(numbers, (t, o) => t.antijoin(o, [['a'], ['a']]), { other: empty, otherTypes: { a: 'DOUBLE' } });
  });
  it('keeps the left order', () =>
    expectSameAsArquero(left, (t, o) => t.orderby('v').semijoin(o, 'k'), { other: right, ordered: true }));
});

describe('joins with a predicate, values and cross', () => {
  it('join with a two-row predicate keeps all columns of both, suffixed', async () => {
    for (const verb of ['join', 'join_left', 'join_right', 'join_full']) {
      await expectSameAsArquero(left, (t, o) => t[verb](o, (a: D, b: D) => a.k === b.k), { other: right });
    }
    await expectSameAsArquero(numbers, (t, o) => t.join(o, (a: D, b: D) => a.a >= b.lo && a.b < b.hi), {
      other: { lo: [0, 5], hi: [3, 10] },
    });
  });
  it('join values: selections and expressions over both rows', async () => {
    await expectSameAsArquero(
      left,
      (t, o) => t.join(o, 'k', [['k', 'v'], ['w'], { vw: (a: D, b: D) => a.v + b.w }]),
      { other: right },
    );
    await expectSameAsArquero(left, (t, o) => t.join(o, 'k', [not('k'), ['w']]), { other: right });
  });
  it('join keys as [left, right] names, and custom suffixes', async () => {
    await expectSameAsArquero(people, (t, o) => t.join(o.rename({ dept: 'd' }), ['dept', 'd']), { other: depts });
    await expectSameAsArquero(left, (t, o) => t.join(o, (a: D, b: D) => a.k === b.k, undefined, { suffix: ['_l', '_r'] }), { other: right });
  });
  it('cross', async () => {
    await expectSameAsArquero(left, (t, o) => t.cross(o), { other: right });
    await expectSameAsArquero(left, (t, o) => t.cross(o, [['v'], ['w']]), { other: right });
    await expectSameAsArquero(left, (t, o) => t.cross(o), { other: { z: [] as number[] } });
  });
  it('predicate errors name the column', () => {
    const t = fl.table(left);
    const o = fl.table(right);
    expect(thrown(() => t.join(o, (a: D, b: D) => a.k === b.nope))).toMatch(/"nope"/);
    expect(thrown(() => t.semijoin(fl.table({ z: [1] })))).toMatch(/shared column names/);
    expect(thrown(() => t.join(o, 'zz'))).toMatch(/"zz"/);
    expect(thrown(() => t.join(o, (a: D, b: D) => a.k === op.max(b.k)))).toMatch(/aggregat/);
  });
  it('a join predicate reads params as its third parameter', async () => {
    await expectSameAsArquero(numbers, (t, o) => t.params({ off: 1 }).join(o, (a: D, b: D, $: D) => a.a + $.off > b.lo), {
      other: { lo: [0, 5] },
    });
  });
});

describe('lookup, intersect, except', () => {
  it('lookup', async () => {
    await expectSameAsArquero(people, (t, o) => t.lookup(o, 'dept', 'floor'), { other: depts });
    await expectSameAsArquero(people, (t, o) => t.lookup(o, ['dept', 'dept']), { other: depts });
    await expectSameAsArquero(left, (t, o) => t.lookup(o, 'k', 'w'), { other: { k: [null, 2, 3], w: ['x', 'y', 'z'] } });
  });
  it('lookup keeps the left order', () =>
    expectSameAsArquero(people, (t, o) => t.orderby('name').lookup(o, 'dept', 'floor'), { other: depts, ordered: true }));
  it('intersect and except: distinct rows, nulls never match', async () => {
    const a = { k: [1, 1, 2, null, 4], s: ['x', 'x', 'é', 'n', null] };
    const b = { s: ['x', 'é', 'n', null], k: [1, 2, null, 4], extra: [0, 0, 0, 0] };
    await expectSameAsArquero(a, (t, o) => t.intersect(o), { other: b });
    await expectSameAsArquero(a, (t, o) => t.except(o), { other: b });
    await expectSameAsArquero(a, (t, o) => t.except(o.filter((d: D) => d.k === 1)), { other: b });
    await expectSameAsArquero(a, (t) => t.intersect());
    await expectSameAsArquero(a, (t) => t.except());
  });
  it('intersect needs the columns in the other table', () => {
    expect(thrown(() => fl.table(left).intersect(fl.table({ k: [1] })))).toMatch(/"v"/);
  });
});

describe('fold, pivot, spread', () => {
  it('fold', async () => {
    await expectSameAsArquero(numbers, (t) => t.fold(['a', 'b']));
    await expectSameAsArquero(numbers, (t) => t.fold(['a', 'x'], { as: ['col', 'num'] }));
    await expectSameAsArquero(people, (t) => t.select('id', 'name', 'dept').fold(not('id')));
    await expectSameAsArquero(empty, (t) => t.fold('a'));
  });
  it('fold refuses columns of no common type', () => {
    expect(thrown(() => fl.table(people).fold(['name', 'age']))).toMatch(/common type/);
  });
  it('pivot', async () => {
    const sales = { g: ['a', 'a', 'b', 'b', 'a'], k: ['x', 'y', 'x', 'ü', 'x'], v: [1, 2, 3, null, 5] };
    await expectSameAsArquero(sales, (t) => t.pivot('k', 'v'));
    await expectSameAsArquero(sales, (t) => t.groupby('g').pivot('k', { s: op.sum('v'), n: op.count() }));
    await expectSameAsArquero(sales, (t) => t.groupby('g').pivot(['k', 'g'], { m: (d: D) => op.max(d.v) }, { keySeparator: '/' }));
    await expectSameAsArquero(sales, (t) => t.groupby('g').pivot('k', { s: op.sum('v') }, { limit: 2 }));
    await expectSameAsArquero({ n: [10, 9, 2], v: [1, 2, 3] }, (t) => t.pivot('n', { s: op.sum('v') }));
  });
  it('pivot says in explain() that it ran a pre-query', () => {
    const explained = fl.table({ k: ['p', 'q'], v: [1, 2] }).pivot('k', 'v').explain();
    expect(explained).toMatch(/pre-query: 2 distinct key value\(s\)/);
  });
  it('spread', async () => {
    await expectSameAsArquero(words, (t) => arrays(t).spread('arr'));
    await expectSameAsArquero(words, (t) => arrays(t).spread('arr', { drop: false, limit: 2 }).select(not('arr')));
    await expectSameAsArquero(words, (t) => arrays(t).spread('arr', { as: ['first', 'second'] }));
    expect(fl.table(words).derive({ arr: (d: D) => op.split(d.s, ',') }).spread('arr').explain()).toMatch(/pre-query: longest array = 3/);
  });
});

describe('unroll, impute', () => {
  it('unroll with limit, index and drop', async () => {
    await expectSameAsArquero(words, (t) => arrays(t).unroll('arr'));
    await expectSameAsArquero(words, (t) => arrays(t).unroll('arr', { limit: 2 }));
    await expectSameAsArquero(words, (t) => arrays(t).unroll('arr', { index: true }));
    await expectSameAsArquero(words, (t) => arrays(t).unroll('arr', { index: 'pos', drop: 's' }));
  });
  it('unroll refuses non-arrays', () => {
    expect(thrown(() => fl.table(words).unroll('s'))).toMatch(/not an array/);
  });
  it('unroll of several columns runs them in parallel, as Arquero does', async () => {
    const pairs = { s: ['a,b,c', 'ü', null, 'x'], u: ['1', '2,3', '4,李', null] };
    const two = (t: D) => t.derive({ a: (d: D) => op.split(d.s, ','), b: (d: D) => op.split(d.u, ',') });
    await expectSameAsArquero(pairs, (t) => two(t).unroll(['a', 'b']));
    await expectSameAsArquero(pairs, (t) => two(t).unroll(['a', 'b'], { index: true, limit: 2, drop: ['s'] }));
    expect(two(fl.table(pairs)).unroll(['a', 'b']).explain()).toMatch(/pre-query: longest array = 3/);
  });
  it('impute fills NaN as well as null', () => expectSameAsArquero({ x: [1.5, NaN, null, -2] }, (t) => t.impute({ x: () => 0 })));
  it('impute with constants and group aggregates', async () => {
    await expectSameAsArquero(people, (t) => t.impute({ age: () => 0, dept: () => 'none' }));
    await expectSameAsArquero(people, (t) => t.impute({ salary: op.mean('salary') }));
    await expectSameAsArquero(people, (t) => t.groupby('dept').impute({ age: op.max('age') }));
  });
  it('impute with expand', async () => {
    const obs = { g: ['a', 'a', 'b'], k: [1, 2, 1], v: [1, null, 3] };
    await expectSameAsArquero(obs, (t) => t.impute({ v: () => 0 }, { expand: 'k' }));
    await expectSameAsArquero(obs, (t) => t.groupby('g').impute({ v: () => 0 }, { expand: 'k' }));
    await expectSameAsArquero(obs, (t) => t.impute({ v: () => -1 }, { expand: ['g', 'k'] }));
  });
  it('impute on a missing column fails at the call', () => {
    expect(thrown(() => fl.table(people).impute({ zz: () => 1 }))).toMatch(/invalid impute column "zz"/);
  });
});

describe('empty tables', () => {
  it('every verb on an empty table gives Arquero\'s empty result', async () => {
    const types = { a: 'DOUBLE', s: 'STRING' };
    await expectSameAsArquero(empty, (t, o) => t.lookup(o, 'a', 'w'), { types, other: { a: [1], w: ['x'] } });
    await expectSameAsArquero(empty, (t, o) => t.semijoin(o, 'a'), { types, other: { a: [1] } });
    await expectSameAsArquero(empty, (t, o) => t.intersect(o), { types, other: { a: [1], s: ['x'] } });
    await expectSameAsArquero(empty, (t) => t.impute({ a: () => 0 }), { types });
    await expectSameAsArquero(empty, (t) => t.groupby('s').pivot('s', 'a'), { types });
    expect(await fl.table(empty, undefined, { types }).sample(3).numRows()).toBe(0);
  });
});

describe('sample and assign (documented differences)', () => {
  it('sample returns n distinct rows of the table', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => i);
    const rows = await fl.table({ id: ids, g: ids.map((i) => i % 2) }).sample(7).objects();
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => r.id)).size).toBe(7);
    for (const r of rows) expect(r.g).toBe(Number(r.id) % 2);
    expect(await fl.table(numbers).sample(100).numRows()).toBe(numbers.a.length);
  });
  it('sample per group', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => i);
    const rows = await fl.table({ id: ids, g: ids.map((i) => i % 4) }).groupby('g').sample(3).objects();
    const perGroup = new Map<unknown, number>();
    for (const r of rows) perGroup.set(r.g, (perGroup.get(r.g) ?? 0) + 1);
    expect([...perGroup.values()]).toEqual([3, 3, 3, 3]);
  });
  it('assign is refused with the alternative', () => {
    expect(thrown(() => fl.table(numbers).assign(fl.table(numbers)))).toMatch(/join on it/);
  });
});
