import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import { udf } from '../src/index.js';
import { dynamicSum, whereIsAdd } from './fixtures/udf-module/dynamic-add.js';
import { floatSum } from './fixtures/udf-module/float-sum.js';
import { scaled } from './fixtures/udf-module/scale.js';
import { fl } from './support/flink-session.js';

// lambdas are shipped as text, so `op` here is only a name the translator reads
declare const op: Record<string, (...args: unknown[]) => any>;

const root = join(import.meta.dirname, '..');
const clientAdd = realpathSync(join(root, 'node_modules', 'add'));
const dir = mkdtempSync(join(tmpdir(), 'flinkframe-udfdeps-'));
const BIGINTS = { types: { a: 'BIGINT', b: 'BIGINT' } };

/** A node_modules folder holding only the 'add' package, copied from the client's, as a user would ship it. */
function shippedNodeModules(): string {
  const modules = join(dir, 'deps', 'node_modules');
  if (!existsSync(modules)) cpSync(clientAdd, join(modules, 'add'), { recursive: true });
  return modules;
}

describe('UDF dependencies: what a job ships to the machines that run its UDFs', () => {
  it('bundles a function defined in a module with what it imports (a helper module and an npm package): 1 + 2 = 3', async () => {
    const sum = udf(floatSum, { returns: 'DOUBLE' });
    expect(sum.module?.file).toMatch(/float-sum\.ts$/);
    fl.addFunction('floatSum', sum);
    const t = fl.table({ a: [1, 0.1], b: [2, 0.2] }).derive({ c: (d: any) => op.floatSum(d.a, d.b) });
    expect(await t.objects()).toEqual(expect.arrayContaining([{ a: 1, b: 2, c: 3 }, { a: 0.1, b: 0.2, c: 0.30000000000000004 }]));
  });

  it('functions of two modules in one derive run in stages of their own (a worker loads one module)', async () => {
    fl.addFunction('floatSum', udf(floatSum, { returns: 'DOUBLE' }));
    fl.addFunction('scaled', udf(scaled, { returns: 'DOUBLE' }));
    const t = fl.table({ a: [1, 2], b: [2, 3] }).derive({ c: (d: any) => op.floatSum(d.a, d.b), s: (d: any) => op.scaled(d.a) });
    expect(t.explain().match(/JavaScript UDF stage/g)?.length).toBe(2);
    expect(await t.orderby('a').objects()).toEqual([{ a: 1, b: 2, c: 3, s: 10 }, { a: 2, b: 3, c: 5, s: 20 }]);
  });

  it('ships a module only for a function the module exports; a closure stays refused', () => {
    const outside = 2;
    function notExported(x: number) {
      return x + outside;
    }
    expect(() => udf(notExported, { returns: 'BIGINT' })).toThrow(/reads "outside".*params: \{ outside: \.\.\. \}.*export the function from a module/s);
    expect(() => udf(notExported, { returns: 'BIGINT', module: import.meta.url })).toThrow(/does not export "notExported"/);
    const explicit = udf(floatSum, { returns: 'DOUBLE', module: new URL('./fixtures/udf-module/float-sum.ts', import.meta.url) });
    expect(explicit.module).toEqual({ file: join(import.meta.dirname, 'fixtures', 'udf-module', 'float-sum.ts'), exportName: 'floatSum' });
  });

  it("resolves an npm package from the shipped node_modules, not from the client's (a .tgz too)", async () => {
    // the package name is computed at run time, so it cannot be bundled: only the shipped copy can provide it
    const bare = ff.session({ parallelism: 1 });
    try {
      bare.addFunction('dynamicSum', udf(dynamicSum, { returns: 'DOUBLE' }));
      await expect(bare.table({ a: [1], b: [2] }).derive({ c: (d: any) => op.dynamicSum(d.a, d.b) }).objects())
        .rejects.toThrow(/Cannot find (package|module) 'add'.*addNodeModules/s);
    } finally {
      await bare.close();
    }

    const modules = shippedNodeModules();
    const archive = join(dir, 'deps.tgz');
    execFileSync('tar', ['-czf', archive, '-C', join(dir, 'deps'), 'node_modules']);
    for (const shipped of [modules, archive]) {
      const s = ff.session({ parallelism: 1 }).addNodeModules(shipped);
      try {
        s.addFunction('dynamicSum', udf(dynamicSum, { returns: 'DOUBLE' }));
        s.addFunction('whereIsAdd', udf(whereIsAdd, { returns: 'STRING' }));
        const [row] = await s.table({ a: [1], b: [2] }, undefined, BIGINTS)
          .derive({ c: (d: any) => op.dynamicSum(d.a, d.b), at: (d: any) => op.whereIsAdd(d.a) }).objects();
        expect(row!.c).toBe(3);
        // the task's copy, out of Flink's distributed cache: neither the client's node_modules nor the shipped folder
        expect(row!.at).toMatch(/add[/\\]index\.js$/);
        expect(row!.at).not.toContain(clientAdd);
        expect(row!.at).not.toContain(modules);
      } finally {
        await s.close();
      }
    }
  });

  it('puts added files in the worker\'s working directory under their names', async () => {
    const rates = join(dir, 'rates.json');
    writeFileSync(rates, JSON.stringify({ EUR: 1.5, GBP: 2 }));
    fl.addFiles(rates);
    fl.addFunction('rate', udf((code: string) => JSON.parse(process.getBuiltinModule('node:fs').readFileSync('rates.json', 'utf8'))[code] ?? null, { returns: 'DOUBLE' }));
    fl.addFunction('filesDir', udf((_code: string) => process.env.FLINKFRAME_UDF_DIR ?? null, { returns: 'STRING' }));
    fl.addFunction('workerScript', udf((_code: string) => process.argv[1] ?? null, { returns: 'STRING' }));
    const rows = await fl.table({ code: ['EUR', 'GBP', 'XXX'] })
      .derive({ r: (d: any) => op.rate(d.code), where: (d: any) => op.filesDir(d.code), script: (d: any) => op.workerScript(d.code) }).objects();
    expect(rows.map((r) => [r.code, r.r]).sort()).toEqual([['EUR', 1.5], ['GBP', 2], ['XXX', null]]);
    expect(rows[0]!.where).toMatch(/flinkframe-udf-/);
    // the worker runs the bundle the job shipped (copied from the distributed cache), not this checkout's files
    expect(rows[0]!.script).toMatch(/[/\\]flinkframe-udf-[^/\\]+[/\\]udf-worker\.mjs$/);
    expect(rows[0]!.script).not.toContain(root);
    expect(() => fl.addFiles(join(dir, 'missing.json'))).toThrow(/addFiles: .*missing\.json does not exist/);
  });

  it('runs workers with the Node executable the session names, and says so when it cannot start', async () => {
    const marker = join(dir, 'node-used');
    const wrapper = join(dir, 'my-node');
    writeFileSync(wrapper, `#!/bin/sh\necho used >> '${marker}'\nexec '${process.execPath}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    const s = ff.session({ parallelism: 1, node: wrapper });
    try {
      s.addFunction('inc', udf((x: number) => x + 1, { returns: 'BIGINT' }));
      expect(await s.table({ a: [1] }, undefined, BIGINTS).derive({ b: (d: any) => op.inc(d.a) }).objects()).toEqual([{ a: 1, b: 2 }]);
      expect(readFileSync(marker, 'utf8')).toContain('used');
    } finally {
      await s.close();
    }
    const broken = ff.session({ parallelism: 1 }).nodeExecutable(join(dir, 'no-such-node'));
    try {
      broken.addFunction('inc', udf((x: number) => x + 1, { returns: 'BIGINT' }));
      await expect(broken.table({ a: [1] }, undefined, BIGINTS).derive({ b: (d: any) => op.inc(d.a) }).objects())
        .rejects.toThrow(/cannot start its Node worker.*no-such-node.*nodeExecutable/s);
    } finally {
      await broken.close();
    }
  });

  it('ships jars of Java functions for sql()', async () => {
    const src = join(dir, 'java', 'PlusOne.java');
    mkdirSync(join(dir, 'java'), { recursive: true });
    writeFileSync(src, 'public class PlusOne extends org.apache.flink.table.functions.ScalarFunction {\n  public Long eval(Long x) { return x == null ? null : x + 1; }\n}\n');
    const lib = join(root, 'java', 'target', 'lib');
    execFileSync('javac', ['-cp', `${join(lib, 'flink-table-common-2.3.0.jar')}:${join(lib, 'flink-core-2.3.0.jar')}`, '-d', join(dir, 'java'), src]);
    const jar = join(dir, 'plus-one.jar');
    execFileSync('jar', ['cf', jar, '-C', join(dir, 'java'), 'PlusOne.class']);
    fl.addJars(jar);
    fl.engine.execute("CREATE TEMPORARY FUNCTION plus_one AS 'PlusOne'");
    fl.register('nums', fl.table({ a: [1, 2] }, undefined, BIGINTS));
    expect((await fl.sql('SELECT plus_one(a) AS b FROM nums').objects()).map((r) => r.b).sort()).toEqual([2, 3]);
    expect(() => fl.addJars(join(dir, 'rates.json'))).toThrow(/not a \.jar/);
  });
});

describe('the batch time bound in a streaming job', () => {
  const streaming = ff.session({ mode: 'streaming', parallelism: 1 });
  afterAll(() => streaming.close());

  it('sends a partial batch once its first row has waited batchTimeoutMs, before the input ends', async () => {
    // a slow stage lets one row through about every 40 ms; the next stages report the size of each row's batch
    streaming.addFunction('slow', udf((x: number) => {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 40);
      return x;
    }, { returns: 'BIGINT', batchSize: 1, batchTimeoutMs: 0 }));
    const batchRows = (x: { length: number }) => Array.from({ length: x.length }, () => x.length);
    streaming.addFunction('timed', udf(batchRows, { returns: 'INT', vectorized: true, batchSize: 1000, batchTimeoutMs: 30 }));
    streaming.addFunction('untimed', udf(batchRows, { returns: 'INT', vectorized: true, batchSize: 1000, batchTimeoutMs: 0 }));
    const input = streaming.table({ x: Array.from({ length: 20 }, (_, i) => i) }, undefined, { types: { x: 'BIGINT' } });
    const rows = await input.derive({ y: (d: any) => op.slow(d.x) })
      // two verbs, two stages: functions of one verb chain into one stage, which has one batch policy
      .derive({ t: (d: any) => op.timed(d.y) })
      .derive({ u: (d: any) => op.untimed(d.y) })
      .objects();
    expect(rows.length).toBe(20);
    expect(new Set(rows.map((r) => r.u))).toEqual(new Set([20])); // no time bound: one batch, at the end of the input
    expect(Math.max(...rows.map((r) => r.t as number))).toBeLessThan(20); // partial batches left while rows kept coming
    expect(() => udf(batchRows, { returns: 'INT', batchTimeoutMs: -1 })).toThrow(/batchTimeoutMs must be a whole number/);
  });
});

describe('the CLI ships what its options name', () => {
  it('flinkframe run job.ts --node-modules --files --node', async () => {
    const job = join(dir, 'cli-job.ts');
    writeFileSync(join(dir, 'greeting.txt'), 'hello');
    writeFileSync(job, `import * as ff from 'flinkframe';
import { dynamicSum } from ${JSON.stringify(join(import.meta.dirname, 'fixtures', 'udf-module', 'dynamic-add.ts'))};
const { op } = ff as any;
ff.addFunction('dynamicSum', ff.udf(dynamicSum, { returns: 'DOUBLE' }));
ff.addFunction('greet', ff.udf((x: number) => process.getBuiltinModule('node:fs').readFileSync('greeting.txt', 'utf8') + x, { returns: 'STRING' }));
const rows = await ff.table({ a: [1], b: [2] }).derive({ c: (d: any) => op.dynamicSum(d.a, d.b), g: (d: any) => op.greet(d.a) }).objects();
console.log(JSON.stringify(rows));
`);
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'dist/src/cli/main.js'), 'run', job,
      '--node-modules', shippedNodeModules(), '--files', join(dir, 'greeting.txt'), '--node', process.execPath, '--parallelism', '1'], { cwd: dir, timeout: 120_000 });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual([{ a: 1, b: 2, c: 3, g: 'hello1' }]);
  });

  it('the example job: a UDF using an npm package shipped as a dependency gives 3', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'dist/examples/udf-npm-package.js')], { cwd: dir, timeout: 120_000 });
    expect(stdout).toMatch(/^\s*1\s+2\s+3\s*$/m);
    expect(stdout).toMatch(/'add' resolved by the worker from: .*add[/\\]index\.js/);
    expect(stdout).not.toContain(`from: ${clientAdd}`);
  });
});
