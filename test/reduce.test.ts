import * as aq from 'arquero';
import { afterAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import { FlinkFrameError } from '../src/errors.js';
import { fl } from './support/flink-session.js';

/**
 * A reducer in Arquero's protocol (outputs/init/add/write; any number of rows per group), written here: the
 * smallest and largest value of a column, as two rows { which, value }, or as one row { lo, hi }. (Arquero
 * 8.0.3 writes group i at the row count of group i - 1, not at the sum of the counts before it, so several
 * groups of several rows overwrite each other there; flinkframe runs Arquero's reduce and so does the same.)
 */
class Extremes {
  constructor(private readonly column: string, private readonly oneRow = false) {}
  outputs() {
    return this.oneRow ? ['lo', 'hi'] : ['which', 'value'];
  }
  init() {
    return { lo: Infinity, hi: -Infinity };
  }
  add(state: { lo: number; hi: number }, row: number, data: Record<string, { at(i: number): number }>) {
    const v = data[this.column]!.at(row);
    if (v < state.lo) state.lo = v;
    if (v > state.hi) state.hi = v;
  }
  rem() {}
  write(state: { lo: number; hi: number }, values: Record<string, unknown[]>, index: number) {
    if (this.oneRow) {
      values.lo![index] = state.lo;
      values.hi![index] = state.hi;
      return 1;
    }
    values.which![index] = 'min';
    values.value![index] = state.lo;
    values.which![index + 1] = 'max';
    values.value![index + 1] = state.hi;
    return 2;
  }
}

const data = { g: ['a', 'b', 'a', 'c', 'b', 'a'], x: [3, 1, 4, 1, 5, 9] };
const ordered = ff.session({ rowOrder: 'arquero', parallelism: 2, engine: 'flink' });
afterAll(() => ordered.close());

describe('reduce runs an Arquero reducer over the table computed on Flink', () => {
  it('ungrouped and grouped, rows as Arquero gives them (rowOrder: arquero)', async () => {
    for (const pipeline of [(t: any) => t.reduce(new Extremes('x')), (t: any) => t.filter((d: any) => d.x > 1).groupby('g').reduce(new Extremes('x', true))]) { // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(await pipeline(ordered.table(data)).objects()).toEqual(pipeline(aq.table(data)).objects());
    }
  });

  it('its output continues as a frame, and explain() names the pre-query', async () => {
    const t = fl.table(data).groupby('g').reduce(new Extremes('x', true)).filter((d: any) => d.hi > 1).orderby('g'); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(await t.objects()).toEqual([{ g: 'a', lo: 3, hi: 9 }, { g: 'b', lo: 1, hi: 5 }]);
    expect(String(await t.explain())).toContain('reduce(Extremes) [pre-query');
  });

  it('the local engine writes the groups one after another too', async () => {
    const local = ff.session({ engine: 'local' });
    const rows = await local.table(data).groupby('g').reduce(new Extremes('x', true)).objects();
    expect(rows).toEqual([{ g: 'a', lo: 3, hi: 9 }, { g: 'b', lo: 1, hi: 5 }, { g: 'c', lo: 1, hi: 1 }]);
  });

  it('refuses what is not a reducer', () => {
    expect(() => fl.table(data).reduce({ add() {} })).toThrow(FlinkFrameError);
  });
});
