import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { expectSameAsArquero } from './support/differential.js';
import { fl } from './support/flink-session.js';

// Columns of JS arrays reach Flink as ARRAY columns and come back as JS arrays (Arrow List both ways, java/
// ArrowTypeMapping and ArrowNestedWriters).
describe('array columns from JavaScript', () => {
  const data = { k: ['a', 'b', 'c'], x: [[1, 2, 3], [4], null], s: [['p', 'q'], [], ['r']] };

  it('unroll reads them', async () => {
    await expectSameAsArquero(data, (t) => t.unroll('x', { index: true }).select('k', 'x', 'index'));
    await expectSameAsArquero(data, (t) => t.unroll('s').select('k', 's'));
  });

  it('spread reads them', async () => {
    await expectSameAsArquero(data, (t) => t.spread('s', { limit: 2 }).select('k', 's_1', 's_2'));
  });

  it('the column type is ARRAY of the elements', () => {
    expect(fl.table(data).schema().map((f) => f.type)).toEqual(['STRING', 'ARRAY<DOUBLE>', 'ARRAY<STRING>']);
  });

  it('collects them as JS arrays', async () => {
    const rows = await expectSameAsArquero(data, (t) => t.select('k', 'x', 's'));
    expect(rows.map((r) => Array.isArray(r.x) || r.x === null)).toEqual([true, true, true]);
  });

  it('spread keeps the array column when asked', async () => {
    await expectSameAsArquero(data, (t) => t.spread('s', { drop: false, limit: 2 }).select('k', 's', 's_1', 's_2'));
  });

  it('joins on array-valued keys', async () => {
    const other = { y: [[1, 2, 3], [4], [5]], b: [1, 2, 3] };
    await expectSameAsArquero(data, (t, o) => t.join(o, ['x', 'y']), { other });
  });

  it('reads fixed-size lists from Arrow (Arquero writes arrays of one length so)', async () => {
    const source = aq.table({ a: [1, 2, 3], c: [[1], [2], [3]] });
    const rows = await fl.fromArrow(source.toArrowIPC()).filter((d: { a: number }) => d.a !== 2).objects();
    expect(rows).toEqual(source.filter((d: { a: number }) => d.a !== 2).objects());
  });

  it('stream() gives its rows with JS arrays too', async () => {
    const rows: Record<string, unknown>[] = [];
    for await (const change of fl.table(data).select('k', 'x').stream()) rows.push((change as { row: Record<string, unknown> }).row);
    expect(rows.sort((a, b) => String(a.k).localeCompare(String(b.k)))).toEqual([{ k: 'a', x: [1, 2, 3] }, { k: 'b', x: [4] }, { k: 'c', x: null }]);
  });

  it('arrays mixed with scalars are refused at the call', () => {
    expect(() => fl.table({ x: [[1], 2] })).toThrow(/mixes ARRAY and DOUBLE/);
  });
});
