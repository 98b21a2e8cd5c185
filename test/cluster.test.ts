import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.js';
import { clusterScript } from './support/cluster-script.js';
import * as ff from '../src/index.js';
import { op, desc } from '../src/index.js';

/**
 * A real standalone cluster (a JobManager and a TaskManager, each its own JVM) started by the same script as
 * `npm run cluster:start`, on a free loopback port, in a private folder.
 */
const root = join(import.meta.dirname, '..');
const home = mkdtempSync(join(tmpdir(), 'ff-cluster-'));
const cluster = clusterScript(home);

let url = '';
let session: ff.Session;
beforeAll(async () => {
  url = `http://127.0.0.1:${await freePort()}`;
  await cluster('start', '--port', url.split(':')[2]!, '--slots', '2');
  session = ff.session({ cluster: url, parallelism: 2 });
}, 180_000);
afterAll(async () => {
  await session?.close();
  await cluster('stop');
  rmSync(home, { recursive: true, force: true });
}, 60_000);

async function jobsOnCluster(): Promise<number> {
  const overview = (await (await fetch(`${url}/jobs/overview`)).json()) as { jobs: { state: string }[] };
  return overview.jobs.filter((j) => j.state === 'FINISHED').length;
}

describe('a standalone Flink cluster', () => {
  it('runs the word count demo there', async () => {
    const before = await jobsOnCluster();
    const counts = await session
      .loadText(join(root, 'data', 'words.txt'))
      .derive({ word: (d: any) => op.split(op.lower(d.line), ' ') })
      .unroll('word')
      .filter((d: any) => d.word !== '')
      .groupby('word')
      .count()
      .orderby(desc('count'))
      .objects();
    expect(counts).toEqual([{ word: 'flink', count: 2 }, { word: 'pyflink', count: 1 }]);
    expect(await jobsOnCluster()).toBe(before + 1);
  });

  it('runs SQL over registered frames there', async () => {
    session.register('nums', session.table({ x: [1, 2, 3, 4] }));
    expect(await session.sql('SELECT SUM(x) AS total, COUNT(*) AS n FROM nums').objects()).toEqual([{ total: 10, n: 4 }]);
  });

  it('runs a JavaScript UDF pipeline there: Node workers start next to the TaskManager', async () => {
    session.addFunction('add', ff.udf((a: number, b: number) => a + b, { returns: 'BIGINT' }));
    const rows = await session
      .table({ a: [1, 10, 100], b: [2, 20, 200] }, undefined, { types: { a: 'BIGINT', b: 'BIGINT' } })
      .derive({ sum: (d: any) => (op as any).add(d.a, d.b) })
      .orderby('a')
      .objects();
    expect(rows.map((r) => Number(r.sum))).toEqual([3, 30, 300]);
  });

  it('runs a job script there from the command line: flinkframe run --cluster', async () => {
    const before = await jobsOnCluster();
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'dist', 'src', 'cli', 'main.js'), 'run', join(root, 'dist', 'examples', 'wordcount.js'), join(root, 'data', 'words.txt'), join(home, 'wordcount.csv'), '--cluster', url], { cwd: root, encoding: 'utf8' });
    expect(stdout).toMatch(/flink\s+2/);
    expect(stdout).toMatch(/pyflink\s+1/);
    expect(await jobsOnCluster()).toBeGreaterThan(before);
  });

  it('refuses an address where no cluster answers, saying how to start one', () => {
    expect(() => ff.session({ cluster: 'http://127.0.0.1:1' }).engine).toThrow(/no Flink REST API answers there.*npm run cluster:start/);
  });
});
