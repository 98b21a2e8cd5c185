import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import { op } from '../src/index.js';
import { startKafka } from './support/kafka.js';

let kafka: Awaited<ReturnType<typeof startKafka>>;
const batch = ff.session({ parallelism: 1 });
const streaming = ff.session({ mode: 'streaming', parallelism: 1 });
beforeAll(async () => {
  kafka = await startKafka();
}, 300_000);
afterAll(async () => {
  await batch.close();
  await streaming.close();
  await kafka?.stop();
}, 60_000);

const base = Date.UTC(2024, 0, 1);
const clicks = Array.from({ length: 40 }, (_, i) => ({ user: `u${i % 3}`, page: i, ts: new Date(base + i * 5000) }));

describe('Kafka (a real broker in KRaft mode on loopback)', () => {
  it('writes a frame to a topic and reads it back as an unbounded source, taking a limit', async () => {
    await batch.from(clicks, undefined, { types: { page: 'BIGINT' } }).writeKafka({ topic: 'clicks', bootstrapServers: kafka.bootstrap });
    const topic = streaming.loadKafka({
      topic: 'clicks', bootstrapServers: kafka.bootstrap,
      types: { user: 'STRING', page: 'BIGINT', ts: 'TIMESTAMP(3)' },
    });
    await expect(topic.objects()).rejects.toThrow(/unbounded source \(loadKafka\("clicks"\)\)/);
    const rows = await topic.objects({ limit: 40 });
    expect(rows.map((r) => r.page).sort((a, b) => (a as number) - (b as number))).toEqual(clicks.map((c) => c.page));
  });

  it('windows a topic by event time and streams one row per user and closed minute', async () => {
    const perMinute = streaming
      .loadKafka({
        topic: 'clicks', bootstrapServers: kafka.bootstrap,
        types: { user: 'STRING', page: 'BIGINT', ts: 'TIMESTAMP(3)' },
        watermark: { column: 'ts' },
      })
      .window(ff.tumble('ts', '1 minute'))
      .groupby('user')
      .rollup({ clicks: op.count() });
    const seen: ff.Change[] = [];
    // 40 clicks 5 s apart fill 3 whole minutes and part of a 4th, which no later event closes
    for await (const change of perMinute.stream({ batchMs: 50 })) {
      seen.push(change);
      if (seen.length === 9) break;
    }
    expect(seen.every((c) => c.kind === 'insert')).toBe(true);
    const expected = new Map<string, number>();
    for (const c of clicks.slice(0, 36)) {
      const key = `${c.user}@${Math.floor((c.ts.getTime() - base) / 60000)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const got = new Map(seen.map(({ row }) => [`${row.user}@${((row.window_start as Date).getTime() - base) / 60000}`, row.clicks]));
    expect(got).toEqual(expected);
  });
});
