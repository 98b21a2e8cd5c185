import { describe, expect, it } from 'vitest';
import { op } from '../src/index.js';
import { numbers, people } from './support/data.js';
import { expectSameAsArquero } from './support/differential.js';
import { fl } from './support/flink-session.js';

describe('expressions match Arquero', () => {
  it('integer and float arithmetic: / is float division, % keeps the sign of the dividend', () =>
    expectSameAsArquero(numbers, (t) =>
      t.derive({
        sum: (d: any) => d.a + d.b,
        diff: (d: any) => d.a - d.x,
        prod: (d: any) => d.a * d.b,
        quot: (d: any) => d.a / d.b,
        rem: (d: any) => d.a % d.b,
        neg: (d: any) => -d.a,
        pow: (d: any) => d.b ** 2,
      }),
    ));
  it('integer-typed columns keep float semantics for / and mean', () =>
    expectSameAsArquero(
      numbers,
      (t) => t.derive({ q: (d: any) => d.a / d.b }).rollup({ m: op.mean('a'), q: op.sum('q') }),
      { types: { a: 'BIGINT', b: 'INT', x: 'DOUBLE' } },
    ));
  it('Math functions', () =>
    expectSameAsArquero(numbers, (t) =>
      t.derive({
        abs: (d: any) => Math.abs(d.a),
        floor: (d: any) => Math.floor(d.x),
        ceil: (d: any) => Math.ceil(d.x),
        round: (d: any) => Math.round(d.x),
        sqrt: (d: any) => Math.sqrt(Math.abs(d.x)),
        max: (d: any) => Math.max(d.a, d.b),
      }),
    ));
  it('comparisons, logic, ternaries and ??', () =>
    expectSameAsArquero(people, (t) =>
      t.derive({
        adult: (d: any) => d.age >= 30 && d.active === true,
        either: (d: any) => d.age < 30 || d.salary > 100,
        label: (d: any) => (d.age > 40 ? 'old' : d.age > 30 ? 'mid' : 'young'),
        dept: (d: any) => d.dept ?? 'none',
        missing: (d: any) => d.age === null,
      }),
    ));
  it('string functions, with quotes and unicode', () =>
    expectSameAsArquero(people, (t) =>
      t.derive({
        lower: (d: any) => op.lower(d.name),
        upper: (d: any) => op.upper(d.name),
        len: (d: any) => op.length(d.name),
        sub: (d: any) => op.substring(d.name, 1, 3),
        greet: (d: any) => 'hi ' + d.name + "'s",
        tpl: (d: any) => `${d.name}!`,
        starts: (d: any) => op.startswith(d.name, 'Z'),
      }),
    ));
  it('JS string methods, which Arquero itself refuses, give what JS gives', async () => {
    const rows = await fl
      .table(people)
      .derive({
        upper: (d: any) => d.name.toUpperCase(),
        len: (d: any) => d.name.length,
        starts: (d: any) => d.name.startsWith('Z'),
        part: (d: any) => d.name.slice(1, 3),
        has: (d: any) => d.name.includes('o'),
      })
      .orderby('id')
      .objects();
    expect(rows.map((r) => [r.upper, r.len, r.starts, r.part, r.has])).toEqual(
      people.name.map((s) => [s.toUpperCase(), s.length, s.startsWith('Z'), s.slice(1, 3), s.includes('o')]),
    );
  });
  it('string literals with quotes and unicode in filters', () =>
    expectSameAsArquero(people, (t) => t.filter((d: any) => d.name === "O'Brien" || d.name === '李雷' || d.name === 'Bob "B"')));
  it('nulls: comparisons drop them, arithmetic yields null (documented difference from JS)', async () => {
    await expectSameAsArquero(people, (t) => t.filter((d: any) => d.age > 0));
    const rows = await fl.table(people).derive({ next: (d: any) => d.age + 1 }).orderby('id').objects();
    expect(rows.map((r) => r.next)).toEqual([37, 42, null, 30, 53, 24]);
  });
  it('dates: month is 0-based, like Arquero', () =>
    expectSameAsArquero({ t: [new Date(2024, 0, 31, 12), new Date(2023, 11, 1, 8), new Date(2024, 5, 15, 23)] }, (t) =>
      t.derive({ y: (d: any) => op.year(d.t), m: (d: any) => op.month(d.t), day: (d: any) => op.date(d.t), h: (d: any) => op.hours(d.t) }),
    ));
});
