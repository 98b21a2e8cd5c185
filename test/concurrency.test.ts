import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { op } from '../src/index.js';
import { fl } from './support/flink-session.js';

const n = 5000;
const columns = {
  id: Array.from({ length: n }, (_, i) => i),
  g: Array.from({ length: n }, (_, i) => `g${i % 13}`),
  x: Array.from({ length: n }, (_, i) => (i * 7919) % 1000),
};

describe('one session, many queries at once', () => {
  it('runs 8 different queries concurrently, each with its own right answer', async () => {
    const base = fl.table(columns);
    const pipeline = (t: any, k: number) =>
      t.params({ k }).filter((d: any, $: any) => d.x >= $.k * 100).groupby('g').rollup({ s: (d: any) => op.sum(d.x), n: op.count() });
    const results = await Promise.all(Array.from({ length: 8 }, (_, k) => pipeline(base, k).objects()));
    results.forEach((rows, k) => {
      const expected = pipeline(aq.table(columns), k).objects();
      const byGroup = (r: any[]) => [...r].sort((a, b) => a.g.localeCompare(b.g));
      expect(byGroup(rows), `query ${k}`).toEqual(byGroup(expected));
    });
  });
});
