import { describe, expect, it } from 'vitest';
import { expectSameAsArquero } from './support/differential.js';
import { fl } from './support/flink-session.js';

// Columns of JS arrays reach Flink as ARRAY columns (Arrow List in, java/ ArrowTypeMapping); collecting an
// ARRAY column is not done yet and fails with a message saying so.
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

  it('collecting an array column is refused with a message', async () => {
    await expect(fl.table(data).objects()).rejects.toThrow(/ARRAY<DOUBLE> cannot be written as Arrow yet/);
  });

  it('arrays mixed with scalars are refused at the call', () => {
    expect(() => fl.table({ x: [[1], 2] })).toThrow(/mixes ARRAY and DOUBLE/);
  });
});
