import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { expectSameAsArquero } from './support/differential.js';
import { fl } from './support/flink-session.js';

const { op } = aq;

// entries_agg, object_agg and map_agg: a Flink MAP of the valid pairs in row order, in a ROW whose field name
// tells collect which JS value to make (an entries array, an object, a Map: runtime/collect-nested.ts).
describe('key-value aggregates', () => {
  const data = { g: [0, 0, 1, 1, 1, 2], k: ['a', 'b', 'a', null, 'a', 'c'], v: [1, 2, NaN, 4, 5, null], o: [6, 5, 4, 3, 2, 1] };

  it('object_agg and entries_agg per group, in row order (later keys win in objects)', async () => {
    await expectSameAsArquero(data, (t) => t.orderby('o').groupby('g').rollup({ e: op.entries_agg('k', 'o'), x: op.object_agg('k', 'o') }));
    await expectSameAsArquero(data, (t) => t.orderby('o').groupby('g').rollup({ e: op.entries_agg('k', 'v'), x: op.object_agg('k', 'v') }));
  });

  it('per row (derive)', async () => {
    await expectSameAsArquero(data, (t) => t.orderby('o').groupby('g').derive({ x: op.object_agg('k', 'o') }), { ordered: true });
  });

  it('map_agg gives JS Maps', async () => {
    const pipeline = (t: aq.ColumnTable) => t.orderby('o').groupby('g').rollup({ m: op.map_agg('k', 'o') }).orderby('g');
    const rows = await pipeline(fl.table(data) as never).objects();
    const expected = pipeline(aq.table(data)).objects();
    expect(rows.map((r) => r.m)).toEqual(expected.map((r) => r.m));
    expect(rows[0]!.m).toBeInstanceOf(Map);
  });

  it('an empty result still has the column (an empty Arrow Map in a Struct)', async () => {
    const empty = fl.table({ g: [], k: [], o: [] }, undefined, { types: { g: 'DOUBLE', k: 'STRING', o: 'DOUBLE' } });
    const result = await empty.groupby('g').rollup({ x: op.object_agg('k', 'o') }).collect();
    expect([result.numRows(), result.columnNames()]).toEqual([0, ['g', 'x']]);
  });

  it('the column is a tagged ROW of a MAP', () => {
    const t = fl.table(data).groupby('g').rollup({ x: op.object_agg('k', 'o') });
    expect(t.schema().find((f) => f.name === 'x')?.type).toBe('ROW<`__ff_object` MAP<STRING, DOUBLE>>');
  });
});
