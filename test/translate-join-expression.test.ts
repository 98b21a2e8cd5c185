// Unit tests of two-row lambdas (join predicates and join values): the first row reads the left schema as l.*,
// the second the right schema as r.*. No Flink here; test/verbs-more.test.ts runs them against Arquero.
import { describe, expect, it } from 'vitest';
import { FlinkFrameError } from '../src/errors.js';
import { translateExpr, translatePredicate, type ExprScope } from '../src/translate/expression.js';

type D = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const scope: ExprScope = {
  verb: 'join',
  schema: [{ name: 'k', type: 'INT' }, { name: 's', type: 'STRING' }],
  params: { lo: 3 },
  join: { right: [{ name: 'k', type: 'BIGINT' }, { name: 'w', type: 'STRING' }] },
};

describe('two-row join lambdas', () => {
  it('qualify columns with l and r', () => {
    const sql = translatePredicate((a: D, b: D) => a.k < b.k && b.w !== 'x', scope).sql;
    expect(sql).toContain('l.`k`');
    expect(sql).toContain('r.`k`');
    expect(sql).toContain('r.`w`');
    expect(sql).not.toMatch(/(^|[^.])`k`/);
  });
  it('read bracketed names and compute values over both rows', () => {
    const e = translateExpr('sw', (a: D, b: D) => a['s'] + b.w, scope);
    expect(e.sql).toContain('l.`s`');
    expect(e.sql).toContain('r.`w`');
    expect(e.type).toBe('STRING');
  });
  it('check each row against its own table', () => {
    expect(() => translatePredicate((a: D, b: D) => a.w === b.k, scope)).toThrow(/"w".*available columns: k, s/);
    expect(() => translatePredicate((a: D, b: D) => a.k === b.s, scope)).toThrow(FlinkFrameError);
  });
  it('read params from the third parameter, and strings name the rows a and b', () => {
    expect(translatePredicate((a: D, b: D, $: D) => a.k + $.lo < b.k, scope).sql).toMatch(/l\.`k`.*\+ 3\).*r\.`k`/);
    expect(translatePredicate('a.k === b.k', scope).sql).toMatch(/l\.`k`.*r\.`k`/);
    expect(() => translatePredicate((a: D, b: D, $: D, x: D) => a.k === x, scope)).toThrow(/more than three parameters/);
  });
  it('leave one-row scopes unqualified', () => {
    const { join: _, ...single } = scope;
    expect(translatePredicate((d: D, $: D) => d.k > $.lo, single).sql).toBe('(`k` > 3)');
  });
});
