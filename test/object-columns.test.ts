import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { expectSameAsArquero, local } from './support/differential.js';
import { fl } from './support/flink-session.js';

const { op } = aq;

// Columns of plain objects and RegExps reach Flink as ROW<`__ff_json` STRING> / ROW<`__ff_regexp` STRING> (their
// text) and come back as objects and RegExps (runtime/object-values.ts).
describe('object and RegExp columns', () => {
  const left = { u: [{ k: 1, l: [2] }, { k: 2 }, null, { k: 3, s: 'x"y' }], a: [9, 8, 7, 6] };
  const right = { v: [{ k: 1, l: [2] }, { k: 2 }, { l: [2], k: 1 }, { k: 3, s: 'x"y' }], b: [5, 4, 3, 2] };

  it('come back as the objects they were', async () => {
    await expectSameAsArquero(left, (t) => t.filter((d: { a: number }) => d.a > 6));
  });

  it('join as Arquero keys them (key order counts), by name and with op.equal', async () => {
    await expectSameAsArquero(left, (t, o) => t.join(o, ['u', 'v']), { other: right });
    await expectSameAsArquero(left, (t, o) => t.join(o, (a: { u: unknown }, b: { v: unknown }) => op.equal(a.u, b.v)), { other: right });
  });

  it('RegExps join by their text and come back as RegExps', async () => {
    const l = { u: [/foo/g, /bar.*/i, null], a: [9, 8, 7] };
    const r = { v: [/foo/g, /bar.*/i, /foo/], b: [5, 4, 3] };
    const rows = await expectSameAsArquero(l, (t, o) => t.join(o, ['u', 'v']).select('u', 'a', 'b'), { other: r });
    expect(rows.every((row) => row.u instanceof RegExp)).toBe(true);
  });

  it('have a tagged ROW type; mixing objects with other values is refused', () => {
    expect(fl.table(left).schema()[0]!.type).toBe('ROW<`__ff_json` STRING, `__ff_equal` STRING>');
    expect(local.table(left).schema()).toEqual(fl.table(left).schema()); // the local engine types them alike
    expect(() => fl.table({ u: [{ k: 1 }, /x/] })).toThrow(/mixes plain objects and RegExps/);
    expect(() => fl.table({ u: [{ k: 1 }, 2] })).toThrow(/mixes objects with other values/);
    // other objects (Maps, Sets, class instances) are named, with the conversion to use
    expect(() => fl.table({ u: [new Map([['k', 1]])] })).toThrow(/"u" holds Map values .*Object\.fromEntries/);
  });
});
