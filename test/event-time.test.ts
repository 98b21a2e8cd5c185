import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import { op } from '../src/index.js';
import { fl } from './support/flink-session.js';

/** Events at known seconds past midnight, two users; the oracle computes the windows in plain JavaScript. */
const base = Date.UTC(2024, 0, 1);
const seconds = [0, 10, 20, 100, 110, 300, 5, 50, 200, 59];
const users = ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'];
const events = seconds.map((s, i) => ({ user: users[i]!, v: i, ts: new Date(base + s * 1000) }));

type Row = Record<string, unknown>;
const key = (r: Row) => `${(r.window_start as Date).toISOString()}|${(r.window_end as Date).toISOString()}|${r.user ?? ''}|${r.n}`;
const sorted = (rows: Row[]) => rows.map(key).sort();

/** Tumbling/hopping windows as [start, end) bounds containing each event, counted per user. */
function oracle(bounds: (t: number) => [number, number][], perUser: boolean): Row[] {
  const counts = new Map<string, Row>();
  for (const e of events) {
    for (const [start, end] of bounds(e.ts.getTime())) {
      const id = `${start}|${end}|${perUser ? e.user : ''}`;
      const row = counts.get(id) ?? { window_start: new Date(start), window_end: new Date(end), ...(perUser ? { user: e.user } : {}), n: 0 };
      row.n = (row.n as number) + 1;
      counts.set(id, row);
    }
  }
  return [...counts.values()];
}
const minute = 60_000;
const floorTo = (t: number, size: number) => Math.floor(t / size) * size;

describe('event-time windows (batch)', () => {
  const t = fl.from(events);

  it('tumble: per window, and per window and group', async () => {
    const tumbling = (time: number): [number, number][] => [[floorTo(time, minute), floorTo(time, minute) + minute]];
    expect(sorted(await t.window(ff.tumble('ts', '1 minute')).rollup({ n: op.count() }).objects())).toEqual(sorted(oracle(tumbling, false)));
    expect(sorted(await t.window(ff.tumble('ts', '1 minute')).groupby('user').rollup({ n: op.count() }).objects())).toEqual(sorted(oracle(tumbling, true)));
  });

  it('hop: overlapping windows of 2 minutes every minute', async () => {
    const hopping = (time: number): [number, number][] => [0, 1].map((k) => [floorTo(time, minute) - k * minute, floorTo(time, minute) - k * minute + 2 * minute]);
    expect(sorted(await t.window(ff.hop('ts', '1 minute', '2 minutes')).groupby('user').rollup({ n: op.count() }).objects())).toEqual(sorted(oracle(hopping, true)));
  });

  it('cumulate: windows growing by a minute up to 2 minutes', async () => {
    const cumulating = (time: number): [number, number][] => {
      const start = floorTo(time, 2 * minute);
      return [1, 2].map((k) => [start, start + k * minute] as [number, number]).filter(([, end]) => time < end);
    };
    expect(sorted(await t.window(ff.cumulate('ts', '1 minute', '2 minutes')).rollup({ n: op.count() }).objects())).toEqual(sorted(oracle(cumulating, false)));
  });

  it('session: per user, a window closes 30 s after its last event', async () => {
    const rows = await t.window(ff.sessionWindow('ts', '30 s')).groupby('user').rollup({ n: op.count(), s: op.sum('v') }).objects();
    const at = (s: number) => new Date(base + s * 1000).toISOString();
    const got = rows.map((r) => `${r.user} ${(r.window_start as Date).toISOString()} ${(r.window_end as Date).toISOString()} ${r.n}`).sort();
    expect(got).toEqual([
      `a ${at(0)} ${at(50)} 3`, `a ${at(100)} ${at(140)} 2`, `a ${at(300)} ${at(330)} 1`,
      `b ${at(5)} ${at(35)} 1`, `b ${at(50)} ${at(89)} 2`, `b ${at(200)} ${at(230)} 1`,
    ].sort());
  });

  it('refuses a column that is not a timestamp, a missing column and a malformed duration, at the call', () => {
    expect(() => t.window(ff.tumble('v', '1 minute'))).toThrow(/column "v" is DOUBLE; windows need a TIMESTAMP/);
    expect(() => t.window(ff.tumble('when', '1 minute'))).toThrow(/no column "when"; the columns are user, v, ts/);
    expect(() => ff.tumble('ts', 'one minute')).toThrow(/"one minute" is not a duration/);
  });
});

describe('a streaming session: unbounded sources, stream(), limits', () => {
  const streaming = ff.session({ mode: 'streaming', parallelism: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'ff-stream-'));
  afterAll(async () => {
    await streaming.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const clicks = () => streaming.datagen({
    columns: { user: { type: 'INT', min: 1, max: 3 }, ts: 'TIMESTAMP(3)' },
    rowsPerSecond: 500,
    watermark: { column: 'ts', delay: '1 s' },
  });

  it('refuses to collect an unbounded source whole, naming it and saying what to do', async () => {
    await expect(clicks().objects()).rejects.toThrow(/unbounded source \(datagen\(user, ts\)\).*stream\(\).*head\(n\)/s);
  });

  it('returns a limit as soon as it is met and cancels the job', async () => {
    const rows = await clicks().head(7).objects();
    expect(rows).toHaveLength(7);
    const jobs = (await (await fetch(`${streaming.engine.rest()}/jobs/overview`)).json()) as { jobs: { state: string }[] };
    expect(jobs.jobs.some((j) => j.state === 'CANCELED')).toBe(true);
    expect(jobs.jobs.filter((j) => j.state === 'RUNNING')).toHaveLength(0);
  });

  it('streams a windowed aggregate as inserts, one per user and closed window', async () => {
    const perWindow = clicks().window(ff.tumble('ts', '1 s')).groupby('user').rollup({ n: op.count() });
    const changes: ff.Change[] = [];
    for await (const change of perWindow.stream({ batchMs: 50 })) {
      changes.push(change);
      if (changes.length === 6) break;
    }
    for (const { kind, row } of changes) {
      expect(kind).toBe('insert');
      expect((row.window_end as Date).getTime() - (row.window_start as Date).getTime()).toBe(1000);
      expect(row.n).toBeGreaterThan(0);
    }
  });

  it('streams the updates of a running aggregate as update_before / update_after pairs', async () => {
    const changes: ff.Change[] = [];
    for await (const change of clicks().groupby('user').count().stream()) {
      changes.push(change);
      if (changes.length === 12) break;
    }
    expect(changes[0]!.kind).toBe('insert');
    const before = changes.findIndex((c) => c.kind === 'update_before');
    expect(before).toBeGreaterThan(0);
    expect(changes[before + 1]!.kind).toBe('update_after');
    expect(changes[before + 1]!.row.count).toBe((changes[before]!.row.count as number) + 1);
  });

  it('watches a folder: rows of files added later arrive in the stream', async () => {
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'a.csv'), 'id,name\n1,first\n2,second\n');
    const watched = streaming.loadCSV(join(dir, 'in'), { watch: '100 ms', types: { id: 'BIGINT' } });
    const seen: number[] = [];
    for await (const { row } of watched.stream({ batchMs: 50 })) {
      seen.push(row.id as number);
      if (seen.length === 2) writeFileSync(join(dir, 'in', 'b.csv'), 'id,name\n3,third\n');
      if (seen.length === 3) break;
    }
    expect(seen.sort()).toEqual([1, 2, 3]);
  });

  it('refuses a watermark on a column that is not TIMESTAMP(3)', () => {
    expect(() => streaming.datagen({ columns: { id: 'BIGINT' }, watermark: { column: 'id' } }))
      .toThrow(/watermark column "id" must be a TIMESTAMP\(3\) or TIMESTAMP_LTZ\(3\) column, not BIGINT/);
  });
});
