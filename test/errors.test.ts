import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FlinkFrameError } from '../src/index.js';
import { people } from './support/data.js';
import { fl } from './support/flink-session.js';

const dir = mkdtempSync(join(tmpdir(), 'flinkframe-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bad input gets an error that names it, at the verb call', () => {
  it('an unknown column names the column and lists the known ones', () => {
    const t = fl.table(people);
    expect(() => t.select('nope')).toThrow(/unrecognized column "nope".*"id", "name"/);
    expect(() => t.filter((d: any) => d.nope > 1)).toThrow(/nope/);
    expect(() => t.groupby('zz')).toThrow(/"zz"/);
    expect(() => t.orderby('zz')).toThrow(/"zz"/);
    expect(() => t.derive({ x: (d: any) => d.zz * 2 })).toThrow(FlinkFrameError);
  });
  it('a closure variable says to use params', () => {
    const threshold = 30;
    expect(() => fl.table(people).filter((d: any) => d.age > threshold)).toThrow(/params/);
  });
  it('JavaScript whose result type cannot be told names the expression', () => {
    // a regex test runs as JavaScript now (test/udf-plan.test.ts); an array has no column type
    expect(() => fl.table(people).derive({ m: (d: any) => [d.name] })).toThrow(/"m".*\[d\.name\]/);
  });
  it('relocate without before/after and joins without shared columns fail like Arquero', () => {
    expect(() => fl.table(people).relocate('id', {})).toThrow(/before or after/);
    expect(() => fl.table({ a: [1] }).join(fl.table({ b: [1] }))).toThrow(/share no column/);
  });
  it('a missing file names the file', () => {
    expect(() => fl.loadCSV(join(dir, 'missing.csv'))).toThrow(/missing\.csv does not exist/);
    expect(() => fl.loadJSON(join(dir, 'missing.jsonl'))).toThrow(/missing\.jsonl/);
    expect(() => fl.loadParquet(join(dir, 'missing.parquet'))).toThrow(/missing\.parquet/);
  });
  it('a file that is not what the loader expects names the file', () => {
    const file = join(dir, 'not-really.parquet');
    writeFileSync(file, 'a,b\n1,2\n');
    expect(() => fl.loadParquet(file)).toThrow(/not-really\.parquet is not a readable Parquet file/);
    const array = join(dir, 'array.json');
    writeFileSync(array, '[{"a": 1}]');
    expect(() => fl.loadJSON(array)).toThrow(/array\.json holds a JSON array/);
  });
  it('a malformed CSV row names the file and line; skipInvalid skips it', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'a,b\n1,x\n2,y\nthree,z\n4,w\n');
    const t = fl.loadCSV(file, { types: { a: 'BIGINT' } });
    await expect(t.objects()).rejects.toThrow(/bad\.csv line 4/);
    const skipped = await fl.loadCSV(file, { types: { a: 'BIGINT' }, skipInvalid: true }).numRows();
    expect(skipped).toBe(3);
  });
  it('a Flink failure is readable: root cause first, the SQL attached, no Java frames', async () => {
    fl.register('bad_numbers', fl.table({ s: ['1', 'x'] }));
    const failing = fl.sql('SELECT CAST(s AS INT) AS n FROM bad_numbers');
    const error = await failing.objects().then(
      () => new Error('expected the job to fail'),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(FlinkFrameError);
    expect(error.message).toMatch(/^The Flink job failed: .*x/);
    expect(error.message).not.toMatch(/^\s+at /m);
    expect(error.message).toContain('Generated Flink SQL:');
    expect((error as FlinkFrameError).sql).toContain('CAST(s AS INT)');
  });
  it('uncaught in a script, a Flink failure prints as its readable message, not the Java error behind it', async () => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `
      import * as ff from './dist/src/index.js';
      ff.register('t', ff.table({ a: [1] }));
      await ff.sql('SELEC a FROM t').objects();
    `], { cwd: join(import.meta.dirname, '..'), encoding: 'utf8', timeout: 120_000 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/FlinkFrameError: Planning the query failed: /);
    expect(run.stderr).not.toMatch(/^\s+at (org\.apache|crates\/)/m);
    expect(run.stderr.length).toBeLessThan(4000);
  });
  it('a failed write leaves nothing at the target path', async () => {
    fl.register('bad_numbers2', fl.table({ s: ['1', 'x'] }));
    const target = join(dir, 'never.csv');
    await expect(fl.sql('SELECT CAST(s AS INT) AS n FROM bad_numbers2').writeCSV(target)).rejects.toThrow(FlinkFrameError);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('never'))).toEqual([]);
  });
});
