import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.js';
import { clusterScript } from './support/cluster-script.js';
import * as ff from '../src/index.js';

/**
 * A streaming job with checkpoints on a real standalone cluster (three TaskManagers of one slot each, so a job of
 * parallelism 2 can restart on the spare one): killing a TaskManager mid-job makes Flink restart the job from its
 * last checkpoint, and the filesystem sink, which commits files only with checkpoints, holds every row once.
 */
const home = mkdtempSync(join(tmpdir(), 'ff-faults-'));
const out = mkdtempSync(join(tmpdir(), 'ff-faults-out-'));
const cluster = clusterScript(home);

let url = '';
let session: ff.Session;
beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  await cluster('start', '--port', String(port), '--taskmanagers', '3', '--slots', '1');
  session = ff.session({
    cluster: url,
    mode: 'streaming',
    parallelism: 2,
    config: { 'execution.checkpointing.interval': '500 ms' },
  });
}, 240_000);
afterAll(async () => {
  await session?.close();
  await cluster('stop');
  rmSync(home, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}, 60_000);

const get = async <T>(path: string): Promise<T> => (await (await fetch(`${url}${path}`)).json()) as T;

/** Waits until the cluster runs a job and one of its TaskManagers holds a task; returns that TaskManager's index. */
async function busyTaskManager(): Promise<number> {
  for (let tries = 0; tries < 600; tries++) {
    const { jobs } = await get<{ jobs: { jid: string; state: string }[] }>('/jobs/overview');
    const running = jobs.find((j) => j.state === 'RUNNING');
    if (running) {
      const checkpoints = await get<{ counts?: { completed: number } }>(`/jobs/${running.jid}/checkpoints`);
      const { taskmanagers } = await get<{ taskmanagers: { id: string; slotsNumber: number; freeSlots: number }[] }>('/taskmanagers');
      const busy = taskmanagers.find((tm) => tm.freeSlots < tm.slotsNumber);
      if (busy && (checkpoints.counts?.completed ?? 0) >= 2) return Number(busy.id.replace('taskmanager-', ''));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no job with completed checkpoints showed up on the cluster');
}

function csvIds(dir: string): number[] {
  return readdirSync(dir)
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').slice(1))
    .filter(Boolean)
    .map((line) => Number(line.split(',')[0]));
}

/** Node processes a TaskManager started: the JavaScript UDF workers. */
function udfWorkers(): number[] {
  const state = JSON.parse(readFileSync(join(home, 'cluster.json'), 'utf8')) as { processes: { name: string; pid: number }[] };
  return state.processes.filter((p) => p.name.startsWith('taskmanager')).flatMap((tm) => {
    let children = '';
    try {
      children = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(tm.pid)], { encoding: 'utf8' }).trim();
    } catch {
      // ps exits 1 when the process has no children (or is gone)
    }
    return children ? children.split('\n').map((l) => l.trim().split(/\s+/)).filter(([, comm]) => comm === 'node').map(([pid]) => Number(pid)) : [];
  });
}

describe('faults on a real cluster', () => {
  it('a TaskManager killed mid-job: the job restarts from its checkpoint and the sink holds each row exactly once', async () => {
    const n = 4000;
    const rows = session
      .datagen({ columns: { id: { type: 'BIGINT', kind: 'sequence', start: 1, end: n }, v: 'INT' }, rowsPerSecond: 250 })
      .derive({ twice: (d: any) => d.id * 2 });
    const target = join(out, 'rows');
    const writing = rows.writeCSV(target);
    const victim = await busyTaskManager();
    const state = JSON.parse(readFileSync(join(home, 'cluster.json'), 'utf8')) as { processes: { name: string; pid: number }[] };
    process.kill(state.processes.find((p) => p.name === `taskmanager-${victim}`)!.pid, 'SIGKILL');
    await writing;

    const ids = csvIds(target);
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    const { jobs } = await get<{ jobs: { jid: string }[] }>('/jobs/overview');
    const restarts = await Promise.all(jobs.map((j) => get<{ 'status-counts'?: unknown; timestamps?: Record<string, number> }>(`/jobs/${j.jid}`)));
    // the job went through RESTARTING at least once
    expect(restarts.some((r) => (r.timestamps?.RESTARTING ?? 0) > 0)).toBe(true);
  });

  it('a UDF worker killed mid-job: the job restarts from its checkpoint and the sink holds each row exactly once', async () => {
    const n = 3000;
    session.addFunction('tripled', ff.udf((x: number) => x * 3, { returns: 'BIGINT' }));
    const rows = session
      .datagen({ columns: { id: { type: 'BIGINT', kind: 'sequence', start: 1, end: n } }, rowsPerSecond: 250 })
      .derive({ t: (d: any) => (ff.op as any).tripled(d.id) });
    const target = join(out, 'udf-rows');
    const writing = rows.writeCSV(target);
    await busyTaskManager();
    let workers: number[] = [];
    for (let tries = 0; tries < 300 && !workers.length; tries++) {
      workers = udfWorkers();
      if (!workers.length) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(workers.length).toBeGreaterThan(0);
    process.kill(workers[0]!, 'SIGKILL');
    await writing;

    const lines = readdirSync(target).flatMap((f) => readFileSync(join(target, f), 'utf8').split('\n').slice(1)).filter(Boolean);
    expect(lines).toHaveLength(n);
    const pairs = lines.map((l) => l.split(',').map(Number));
    expect(new Set(pairs.map(([id]) => id)).size).toBe(n);
    expect(pairs.every(([id, t]) => t === id! * 3)).toBe(true);
  });
});
