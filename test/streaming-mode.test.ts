import { afterAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';

// Streaming sessions are the subject of their own issue (unbounded sources, stream()); here: the mode exists,
// bounded insert-only queries collect, and a query that needs updates says what to do.
describe('a streaming-mode session', () => {
  const streaming = ff.session({ mode: 'streaming', parallelism: 1 });
  afterAll(() => streaming.close());

  it('collects an insert-only query', async () => {
    const rows = await streaming.table({ a: [1, 2, 3] }).filter((d: any) => d.a > 1).objects();
    expect(rows.map((r) => r.a).sort()).toEqual([2, 3]);
  });
  it('refuses to collect updates with an error that says to use a batch session', async () => {
    const counted = streaming.table({ g: ['x', 'y', 'x'] }).groupby('g').count();
    await expect(counted.objects()).rejects.toThrow(/produces updates.*batch session/s);
  });
});
