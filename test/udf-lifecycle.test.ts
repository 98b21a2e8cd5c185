import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { udf } from '../src/index.js';
import { fl } from './support/flink-session.js';
import { udfPlanSwitches } from '../src/frame/udf-plan-switches.js';

// lambdas are shipped as text, so `op` here is only a name the translator reads
declare const op: Record<string, (...args: unknown[]) => any>;

const BIGINTS = { types: { a: 'BIGINT' } };
const n = 5000;
const numbers = () => fl.table({ a: Array.from({ length: n }, (_, i) => i) }, undefined, BIGINTS);
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: Error) => e);

const out = mkdtempSync(join(tmpdir(), 'ff-udf-lifecycle-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('UDFs as objects and classes with open(ctx) and close()', () => {
  it('an object: open runs once per worker before the first batch, with params, subtask and parallelism', async () => {
    fl.addFunction('shifted', udf({
      open(ctx: any) {
        this.offset = base * 1000 + ctx.subtask * 0 + ctx.parallelism;
        this.opened = (this.opened ?? 0) + 1;
      },
      eval(this: any, x: number) {
        return x + this.offset + (this.opened - 1) * 1e6; // a second open would show
      },
      close() {},
    } as any, { returns: 'BIGINT', params: { base: 7 }, batchSize: 700 }));
    const rows = await numbers().derive({ s: (d: any) => op.shifted(d.a) }).objects();
    expect(rows.length).toBe(n);
    const parallelism = (rows[0] as any).s - (rows[0] as any).a - 7000;
    expect(parallelism).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r: any) => r.s !== r.a + 7000 + parallelism)).toEqual([]);
  });

  it('a class: each worker makes one instance and keeps state between batches', async () => {
    class RunningIndex {
      seen = 0;
      subtask = -1;
      open(ctx: any) {
        this.subtask = ctx.subtask;
      }
      eval(x: number) {
        this.seen += 1;
        return this.subtask * 1e6 + this.seen;
      }
    }
    fl.addFunction('runningIndex', udf(RunningIndex, { returns: 'BIGINT', batchSize: 300 }));
    const rows = await numbers().derive({ i: (d: any) => op.runningIndex(d.a) }).objects();
    const bySubtask = new Map<number, number[]>();
    for (const r of rows as any[]) {
      const s = Math.floor(r.i / 1e6);
      bySubtask.set(s, [...(bySubtask.get(s) ?? []), r.i % 1e6]);
    }
    // per worker: 1..count without gaps or repeats, across its many batches
    for (const seen of bySubtask.values()) expect(seen.sort((p, q) => p - q)).toEqual(seen.map((_, k) => k + 1));
    expect([...bySubtask.values()].reduce((s, v) => s + v.length, 0)).toBe(n);
  });

  it('async open(ctx) is awaited before the first batch', async () => {
    fl.addFunction('slowOpen', udf({
      async open() {
        await new Promise((resolve) => setTimeout(resolve, 50));
        this.ready = 1;
      },
      eval(this: any, x: number) {
        return x * 10 + this.ready;
      },
    } as any, { returns: 'BIGINT' }));
    const rows = await fl.table({ a: [1, 2] }, undefined, BIGINTS).derive({ r: (d: any) => op.slowOpen(d.a) }).objects();
    expect(rows.map((r: any) => r.r).sort()).toEqual([11, 21]);
  });

  it('refuses an object without eval and a class that extends another', () => {
    expect(() => udf({ open() {} } as any, { returns: 'BIGINT' })).toThrow(/without an eval\(\.\.\.\) method/);
    class Base {}
    class Derived extends Base {
      eval() {
        return 1;
      }
    }
    expect(() => udf(Derived, { returns: 'BIGINT' })).toThrow(/extends another class/);
    const limit = 3;
    expect(() => udf({ eval: (x: number) => Math.min(x, limit) }, { returns: 'BIGINT' })).toThrow(/reads "limit"/);
  });
});

describe('workers kept between jobs', () => {
  class WorkerPid {
    opened = 0;
    open() {
      this.opened += 1;
    }
    eval() {
      return process.pid * 10 + this.opened;
    }
  }
  const pids = async () => new Set((await numbers().derive({ p: (d: any) => op.workerPid(d.a) }).objects()).map((r: any) => r.p as number));

  it('a later job runs in the workers of the one before, with a fresh instance opened for it', async () => {
    fl.addFunction('workerPid', udf(WorkerPid, { returns: 'BIGINT' }));
    const [first, second] = [await pids(), await pids()];
    expect([...first, ...second].every((p) => p % 10 === 1)).toBe(true); // one open() per instance, one instance per job
    expect([...second].every((p) => first.has(p))).toBe(true);
  });

  it('without reuse (udfPlanSwitches.reuseWorkers), a job starts workers of its own and stops them', async () => {
    fl.addFunction('workerPid', udf(WorkerPid, { returns: 'BIGINT' }));
    const before = await pids();
    udfPlanSwitches.reuseWorkers = false;
    let own: Set<number>;
    try {
      own = await pids();
    } finally {
      udfPlanSwitches.reuseWorkers = true;
    }
    expect([...own].some((p) => before.has(p))).toBe(false);
    const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    expect([...own].map((p) => Math.floor(p / 10)).filter(alive)).toEqual([]);
    expect([...before].map((p) => Math.floor(p / 10)).filter(alive).length).toBe(before.size); // kept for later jobs
  });
});

describe('arguments bound in advance', () => {
  it('partial binds by parameter name, bind binds the leading ones; both travel as params', async () => {
    const scaled = udf((x: number, factor: number, offset: number) => x * factor + offset, { returns: 'DOUBLE' });
    fl.addFunction('times3plus1', scaled.partial({ factor: 3, offset: 1 }));
    fl.addFunction('plus5', scaled.partial({ offset: 5 }).partial({ factor: 1 }));
    fl.addFunction('tenTimes', scaled.bind(10)); // x = 10: called as op.tenTimes(factor, offset)
    const rows = await fl.table({ a: [1, 2, 3] }, undefined, BIGINTS)
      .derive({ p: (d: any) => op.times3plus1(d.a), q: (d: any) => op.plus5(d.a), r: (d: any) => op.tenTimes(d.a, 0.5) })
      .objects();
    expect(rows.sort((x: any, y: any) => x.a - y.a)).toEqual([
      { a: 1, p: 4, q: 6, r: 10.5 },
      { a: 2, p: 7, q: 7, r: 20.5 },
      { a: 3, p: 10, q: 8, r: 30.5 },
    ]);
  });

  it('binds arguments of vectorized UDFs and of an object form eval', async () => {
    fl.addFunction('vscale', udf((x: BigInt64Array, k: number) => Float64Array.from(x, (v) => Number(v) * k), { returns: 'DOUBLE', vectorized: true }).partial({ k: 0.5 }));
    fl.addFunction('objAdd', udf({ eval: (x: number, k: number) => x + k }, { returns: 'BIGINT' }).partial({ k: 100 }));
    const rows = await fl.table({ a: [2, 4] }, undefined, BIGINTS).derive({ v: (d: any) => op.vscale(d.a), o: (d: any) => op.objAdd(d.a) }).objects();
    expect(rows.sort((x: any, y: any) => x.a - y.a)).toEqual([{ a: 2, v: 1, o: 102 }, { a: 4, v: 2, o: 104 }]);
  });

  it('refuses a name that is not a parameter, a bound one, and values that are not JSON', () => {
    const f = udf((x: number, k: number) => x + k, { returns: 'BIGINT' });
    expect(() => f.partial({ z: 1 })).toThrow(/"z" is not a parameter .*unbound parameters are "x", "k"/);
    expect(() => f.partial({ k: 1 }).partial({ k: 2 })).toThrow(/"k" is not an unbound parameter/);
    expect(() => f.partial({ k: () => 1 })).toThrow(/not a JSON value/);
    expect(() => f.bind(1, 2, 3)).toThrow(/3 values for 2 unbound parameters/);
  });
});

describe('UDF metrics', () => {
  it('counter, gauge, meter and distribution registered in open(ctx) are readable after the job', async () => {
    fl.addFunction('measured', udf({
      open(ctx: any) {
        this.rows = ctx.metrics.counter('rows');
        this.big = ctx.metrics.counter('big');
        this.events = ctx.metrics.meter('events', { timeSpanInSeconds: 10 });
        this.values = ctx.metrics.distribution('values');
        this.last = 0;
        ctx.metrics.gauge('subtaskSeen', () => ctx.subtask);
      },
      eval(this: any, x: number) {
        this.rows.inc();
        if (x >= 4000) this.big.inc(2);
        this.events.markEvent();
        this.values.update(x);
        return x;
      },
    } as any, { returns: 'BIGINT', batchSize: 1000 }));
    await numbers().derive({ m: (d: any) => op.measured(d.a) }).objects();
    const job = fl.lastJob()!;
    expect(job.id).toMatch(/^[0-9a-f]{32}$/);
    const m = job.metrics.measured!;
    expect(m.rows).toEqual({ kind: 'counter', count: n });
    expect(m.big).toEqual({ kind: 'counter', count: 2000 });
    expect(m.events).toMatchObject({ kind: 'meter', count: n });
    expect((m.events as any).rate).toBeGreaterThan(0);
    expect(m.values).toEqual({ kind: 'distribution', count: n, sum: (n * (n - 1)) / 2, min: 0, max: n - 1, mean: (n - 1) / 2 });
    expect(m.subtaskSeen).toMatchObject({ kind: 'gauge', value: 0 });
  });

  it('a job without metrics reports none; a later job replaces the report', async () => {
    await fl.table({ a: [1] }, undefined, BIGINTS).derive({ b: (d: any) => d.a + 1 }).objects();
    expect(fl.lastJob()?.metrics).toEqual({});
  });
});

describe('UDF failures in the new forms', () => {
  it('open(ctx) throwing fails the job with the UDF name, "in open(ctx)" and the JS stack', async () => {
    fl.addFunction('badOpen', udf({
      open() {
        throw new Error('no connection to the model server');
      },
      eval: (x: number) => x,
    }, { returns: 'BIGINT' }));
    const e = await failure(numbers().derive({ b: (d: any) => op.badOpen(d.a) }).objects());
    expect(e?.message).toMatch(/JavaScript UDF 'badOpen' failed in open\(ctx\): no connection to the model server/);
    expect(e?.message).toMatch(/\(JS\) at .*udf:badOpen/);
  });

  it('close() throwing fails the job with "in close()"', async () => {
    fl.addFunction('badClose', udf({
      eval: (x: number) => x,
      close() {
        throw new TypeError('flush failed');
      },
    }, { returns: 'BIGINT' }));
    const e = await failure(numbers().derive({ b: (d: any) => op.badClose(d.a) }).objects());
    expect(e?.message).toMatch(/JavaScript UDF 'badClose' failed in close\(\): flush failed/);
  });

  it('a bound UDF that throws names the row by the arguments of the call', async () => {
    fl.addFunction('divideBy', udf((x: number, k: number) => {
      if (x === 3) throw new Error(`cannot divide ${x} by ${k}`);
      return x / k;
    }, { returns: 'DOUBLE' }).partial({ k: 2 }));
    const e = await failure(fl.table({ a: [1, 2, 3] }, undefined, BIGINTS).derive({ b: (d: any) => op.divideBy(d.a) }).objects());
    expect(e?.message).toMatch(/JavaScript UDF 'divideBy' failed on row \(d\.a=3\): cannot divide 3 by 2/);
  });

  for (const [method, file] of [['writeCSV', 'out.csv'], ['writeParquet', 'out.parquet'], ['writeCSV', 'folder']] as const) {
    it(`${method} to ${file} of a pipeline whose UDF fails leaves nothing at the target path`, async () => {
      fl.addFunction('failsLate', udf((x: number) => {
        if (x === last) throw new Error('the last row is bad');
        return x;
      }, { returns: 'BIGINT', batchSize: 500, params: { last: n - 1 } }));
      const target = join(out, `${method}-${file}`);
      const t = numbers().derive({ b: (d: any) => op.failsLate(d.a) });
      const e = await failure((t as any)[method](target));
      expect(e?.message).toMatch(/JavaScript UDF 'failsLate' failed on row \(d\.a=4999\): the last row is bad/);
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(out).filter((f) => f.startsWith(`${method}-${file}`))).toEqual([]); // no staging left either
    });
  }
});
