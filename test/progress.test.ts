import { afterAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import { progressFor, progressLine } from '../src/frame/display/progress-view.js';
import type { JobProgress } from '../src/runtime/job-progress.js';

const heard: { progress: JobProgress; done: boolean }[] = [];
const watched = ff.session({
  parallelism: 2,
  progress: { afterMs: 0, intervalMs: 20, listener: (progress, done) => heard.push({ progress, done }) },
});
afterAll(() => watched.close());

describe('job progress', () => {
  it('reports a job from the JobManager while it runs and once more when it ended', async () => {
    const n = 50_000;
    const rows = await watched
      .table({ x: Float64Array.from({ length: n }, (_, i) => i) })
      .orderby(ff.desc('x'))
      .objects();
    expect(rows.slice(0, 3).map((r) => r.x)).toEqual([n - 1, n - 2, n - 3]);

    const last = heard.at(-1)!;
    expect(last.done).toBe(true);
    expect(heard.filter((h) => h.done)).toHaveLength(1);
    expect(last.progress.state).toBe('FINISHED');
    expect(last.progress.tasksTotal).toBeGreaterThan(0);
    expect(last.progress.tasksFinished).toBe(last.progress.tasksTotal);
    expect(last.progress.elapsedMs).toBeGreaterThan(0);
    // every row leaves the source through the network to the sort
    expect(last.progress.recordsIn).toBe(n);
    expect(new Set(heard.map((h) => h.progress.jobId)).size).toBe(1);
  });

  it('stays quiet under a test runner or CI unless asked for; false or FLINKFRAME_PROGRESS=0 turn it off', () => {
    expect(process.env.VITEST).toBeTruthy();
    expect(progressFor({})).toBeUndefined();
    expect(progressFor({ progress: false })).toBeUndefined();
    expect(progressFor({ progress: true })?.listener).toBeTypeOf('function');
    process.env.FLINKFRAME_PROGRESS = '1';
    try {
      expect(progressFor({})?.listener).toBeTypeOf('function');
      process.env.FLINKFRAME_PROGRESS = '0';
      expect(progressFor({})).toBeUndefined();
    } finally {
      delete process.env.FLINKFRAME_PROGRESS;
    }
  });

  it('formats one line with the state, elapsed time, rows and tasks', () => {
    const line = progressLine({
      jobId: '0123456789abcdef', state: 'RUNNING', elapsedMs: 3456, recordsIn: 1234567, recordsOut: 0, tasksFinished: 1, tasksTotal: 3,
    });
    expect(line).toBe('flinkframe job 01234567 RUNNING 3.5 s · 1,234,567 rows read · 1/3 tasks done');
  });
});
