import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/**
 * Runs a script in a fresh Node process whose temp dir is private, so leftovers can be counted. Asynchronously:
 * a cold start on a busy machine can outlast vitest's worker RPC timeout if it blocks the event loop.
 */
async function runScript(source: string, env: Record<string, string> = {}): Promise<{ output: string; leftovers: string[] }> {
  const tmp = mkdtempSync(join(tmpdir(), 'flinkframe-session-'));
  const { stdout: output } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', source], {
    cwd: root,
    env: { ...process.env, ...env, TMPDIR: tmp },
    timeout: 120_000,
    encoding: 'utf8',
  });
  const leftovers = readdirSync(tmp).filter((f) => !f.startsWith('hsperfdata'));
  rmSync(tmp, { recursive: true, force: true });
  return { output, leftovers };
}

describe('session lifecycle', () => {
  it('the module-level default session starts on first use; close() lets the process exit and leaves no temp files', async () => {
    const { output, leftovers } = await runScript(`
      import * as ff from './dist/src/index.js';
      const rows = await ff.table({ a: [1, 2, 3] }).filter(d => d.a > 1).objects();
      console.log(JSON.stringify(rows));
      await ff.close();
    `);
    expect(output.trim().split('\n').pop()).toBe('[{"a":2},{"a":3}]');
    expect(leftovers).toEqual([]);
  });
  it('close() stops the UDF workers kept for later jobs: the process exits and leaves no temp files', async () => {
    const { output, leftovers } = await runScript(`
      import * as ff from './dist/src/index.js';
      ff.addFunction('pid', ff.udf(() => process.pid, { returns: 'BIGINT' }));
      const rows = await ff.table({ a: [1, 2, 3] }).derive({ p: d => op.pid(d.a) }).objects();
      await ff.close();
      const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
      console.log(JSON.stringify({ workers: new Set(rows.map((r) => r.p)).size, alive: rows.filter((r) => alive(r.p)).length }));
    `);
    expect(JSON.parse(output.trim().split('\n').pop()!)).toEqual({ workers: 1, alive: 0 });
    expect(leftovers).toEqual([]);
  });
  it('the JVM runs the parallel collector unless FLINKFRAME_JVM_OPTS names another', async () => {
    const collectors = `
      import { createRequire } from 'node:module';
      import * as ff from './dist/src/index.js';
      const n = await ff.table({ a: [1, 2, 3] }).numRows();
      const java = createRequire(import.meta.url)('java-bridge');
      const beans = java.importClass('java.lang.management.ManagementFactory').getGarbageCollectorMXBeansSync();
      const names = Array.from({ length: beans.sizeSync() }, (_, i) => beans.getSync(i).getNameSync());
      console.log(JSON.stringify({ n, names }));
      await ff.close();
    `;
    const last = (output: string) => JSON.parse(output.trim().split('\n').pop()!);
    expect(last((await runScript(collectors, { FLINKFRAME_JVM_OPTS: '' })).output)).toEqual({ n: 3, names: expect.arrayContaining(['PS Scavenge']) });
    expect(last((await runScript(collectors, { FLINKFRAME_JVM_OPTS: '-XX:+UseG1GC' })).output)).toEqual({ n: 3, names: expect.arrayContaining(['G1 Young Generation']) });
  });
  it('an explicit session takes mode, parallelism and Flink config', async () => {
    const { output, leftovers } = await runScript(`
      import * as ff from './dist/src/index.js';
      const s = ff.session({ mode: 'batch', parallelism: 1, config: { 'table.exec.resource.default-parallelism': 1 } });
      const n = await s.table({ a: [1, 2, 3] }).numRows();
      console.log(n);
      await s.close();
    `);
    expect(output.trim().split('\n').pop()).toBe('3');
    expect(leftovers).toEqual([]);
  });
  it('a closed session refuses new work with a clear message', async () => {
    const { output } = await runScript(`
      import * as ff from './dist/src/index.js';
      const s = ff.session();
      const t = s.table({ a: [1] });
      await t.numRows();
      await s.close();
      try { await t.numRows(); } catch (e) { console.log(e.message); }
    `);
    expect(output).toMatch(/session is closed/);
  });
  it('nothing runs before a materializer: building frames starts no job', async () => {
    const { output } = await runScript(`
      import * as ff from './dist/src/index.js';
      const t = ff.table({ a: [1, 2] }).filter(d => d.a > 1).derive({ b: d => d.a * 2 });
      console.log(String(t));
      await ff.close();
    `);
    expect(output).toContain('flinkframe Table [a: DOUBLE, b: DOUBLE] (lazy)');
  });
});
