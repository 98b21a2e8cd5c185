import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { op } from '../src/index.js';
import { fl } from './support/flink-session.js';

type D = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Arquero's undefined (a value that does not exist) against a null that does: JS arithmetic on undefined is
 * NaN. These compare NaN, null and numbers exactly (the differential harness reads NaN as null).
 */
const exact = (v: unknown) => (v === undefined ? null : typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v);
const rows = (objects: Record<string, unknown>[]) => objects.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, exact(v)])));

const ordered = (objects: Record<string, unknown>[], key: string) =>
  rows(objects).sort((a, b) => JSON.stringify(a[key]).localeCompare(JSON.stringify(b[key])));

describe('arithmetic on missing values is NaN, as in JS', () => {
  const l = { k: ['a', 'b', 'c'], x: [1, 2, 4] };
  const r = { u: ['a', 'b', 'z'], v: [4, null, 6] };

  for (const verb of ['join_left', 'join_right', 'join_full'] as const) {
    it(`${verb}: a value over the missing side is NaN; a null that exists stays null`, async () => {
      const values = { k: (a: D) => a.k, u: (a: D, b: D) => b.u, z: (a: D, b: D) => a.x + b.v, w: (a: D, b: D) => -b.v };
      const on = (a: D, b: D) => a.k === b.u;
      const expected = (aq.table(l) as D)[verb](aq.table(r), on, values).objects();
      const actual = await (fl.table(l) as D)[verb](fl.table(r), on, values).objects();
      // Arquero: the matched 'b' row has v = null, and JS gives 2 + null = 2; SQL gives NULL there (docs/semantics.md)
      const sqlNull = (row: Record<string, unknown>) => (row.k === 'b' ? { ...row, z: null, w: null } : row);
      expect(ordered(actual, 'u').map((row) => JSON.stringify(row)).sort()).toEqual(
        ordered(expected, 'u').map((row) => JSON.stringify(sqlNull(row))).sort(),
      );
    });
  }

  it('an inner join has no missing side: no NaN', async () => {
    const actual = await fl.table(l).join(fl.table(r), (a: D, b: D) => a.k === b.u, { z: (a: D, b: D) => a.x + b.v }).objects();
    expect(rows(actual).map((row) => row.z).sort()).toEqual([5, null]);
  });

  it('lag/lead before the first (after the last) row: alone undefined, in arithmetic NaN; a default is used as is', async () => {
    const data = { n: [1, 2, 3, 4] };
    const derive = (t: D) =>
      t.orderby('n').params({ k: 1 }).derive({
        p: (d: D, $: D) => d.n * $.k - op.lag(d.n, 1),
        q: (d: D) => op.lead(d.n, 2) + 1,
        alone: (d: D) => op.lag(d.n, 1),
        dflt: (d: D) => d.n - op.lag(d.n, 1, 0),
      });
    const expected = rows(derive(aq.table(data)).objects());
    expect(expected[0]).toEqual({ n: 1, p: 'NaN', q: 4, alone: null, dflt: 1 });
    expect(rows(await derive(fl.table(data)).objects())).toEqual(expected);
  });
});
