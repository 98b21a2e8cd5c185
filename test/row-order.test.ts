import { describe, expect, it } from 'vitest';
import { desc } from '../src/index.js';
import { fl } from './support/flink-session.js';

// The decision (docs/semantics.md): without orderby, flinkframe promises the same rows as Arquero but not
// their order (Flink runs in parallel); with orderby, the order is Arquero's, through later verbs too.
describe('row order', () => {
  const n = 2000;
  const data = { i: Array.from({ length: n }, (_, i) => i), g: Array.from({ length: n }, (_, i) => i % 7) };

  it('orderby gives a total order that survives filter, derive, select and rename', async () => {
    const rows = await fl
      .table(data)
      .orderby(desc('i'))
      .filter((d: any) => d.g !== 3)
      .derive({ j: (d: any) => d.i * 2 })
      .select('j', 'i')
      .rename({ j: 'twice' })
      .objects();
    const expected = data.i.filter((i) => i % 7 !== 3).reverse();
    expect(rows.map((r) => r.i)).toEqual(expected);
    expect(rows.map((r) => r.twice)).toEqual(expected.map((i) => i * 2));
  });
  it('without orderby the rows are the same set', async () => {
    const rows = await fl.table(data).filter((d: any) => d.g === 0).objects();
    expect(rows.map((r) => r.i as number).sort((a, b) => a - b)).toEqual(data.i.filter((i) => i % 7 === 0));
  });
});
