import { describe, expect, it } from 'vitest';
import { bin, op } from '../src/index.js';
import { expectSameAsArquero } from './support/differential.js';
import { fl } from './support/flink-session.js';

type D = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const data = { x: [1, 1, 3, 4, 5, 6, 7, 8, 9, 10, 2.5, null], y: [0.01, 0.2, 0.33, 0.4, 0.5, 0.61, 0.7, 0.8, 0.9, 1, 0.25, 0.3] };

describe('...bins(d.x, n): the bins of the table, read by a pre-query', () => {
  it('histograms by a spread of bins, as Arquero bins them', async () => {
    await expectSameAsArquero(data, (t: D) =>
      t.groupby({ b0: (d: D) => op.bin(d.x, ...op.bins(d.x, 20)), b1: (d: D) => op.bin(d.x, ...op.bins(d.x, 20), 1) }).count(),
    );
    await expectSameAsArquero(data, (t: D) => t.groupby({ b: bin('y', { maxbins: 7 }), c: bin('x', { step: 2, offset: 1 }) }).count());
    await expectSameAsArquero(data, (t: D) => t.groupby({ b: bin('y', { maxbins: 5, nice: false }) }).count());
  });

  it('in derive, and the constants show in explain()', async () => {
    await expectSameAsArquero(data, (t: D) => t.derive({ b: (d: D) => op.bin(d.y, ...op.bins(d.y)) }));
    const plan = await fl.table(data).derive({ b: (d: D) => op.bin(d.x, ...op.bins(d.x, 20)) }).explain();
    expect(String(plan)).toContain('0.5');
  });

  it('refuses on a grouped table and with options that are not literals', () => {
    expect(() => fl.table(data).groupby('y').derive({ b: (d: D) => op.bin(d.x, ...op.bins(d.x)) })).toThrow(/grouped table would bin each group/);
    expect(() => fl.table(data).params({ n: 3 }).derive({ b: (d: D, $: D) => op.bin(d.x, ...op.bins(d.x, $.n)) })).toThrow(/literal numbers/);
  });
});
