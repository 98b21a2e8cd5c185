import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist/src/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'flinkframe-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built CLI (as `npx flinkframe` would) and gives its exit code and output. */
async function flinkframe(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const running = promisify(execFile)(process.execPath, [cli, ...args], { cwd: dir, timeout: 120_000 });
  if (input !== undefined) running.child.stdin!.end(input);
  try {
    const { stdout, stderr } = await running;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    return { code: e.code ?? -1, stdout: e.stdout, stderr: e.stderr };
  }
}

// A job as a user writes it: TypeScript, typed code, imports 'flinkframe' and a helper module of its own.
writeFileSync(
  join(dir, 'cities.ts'),
  `export const minimum: number = 2_500_000;\n`,
);
writeFileSync(
  join(dir, 'job.ts'),
  `import * as ff from 'flinkframe';
import { minimum } from './cities.js';
const { desc } = ff;
const big = ff
  .table({ city: ['Paris', 'Berlin', 'Rome'], pop: [2_100_000, 3_600_000, 2_800_000] })
  .params({ minimum })
  .filter((d, $) => d.pop > $.minimum)
  .orderby(desc('pop'));
console.log('parallelism:', ff.defaultSession().options.parallelism ?? 'default');
await big.print();
console.log('arguments:', process.argv.slice(2).join(' '));
`,
);
writeFileSync(join(dir, 'cities.csv'), 'city,pop\nParis,2100000\nBerlin,3600000\nRome,2800000\n');

describe('flinkframe run', () => {
  it('runs a TypeScript job on Flink with the parallelism and arguments given', async () => {
    const { code, stdout, stderr } = await flinkframe(['run', 'job.ts', '--parallelism', '1', 'one', 'two']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('parallelism: 1');
    expect(stdout).toMatch(/^Berlin\s+3600000$/m);
    expect(stdout).toMatch(/^Rome\s+2800000$/m);
    expect(stdout).not.toContain('Paris');
    expect(stdout).toContain('2 rows');
    expect(stdout).toContain('arguments: one two');
  });
  it('fails with the job error and a non-zero exit code', async () => {
    writeFileSync(join(dir, 'bad.ts'), `import * as ff from 'flinkframe';\nff.table({ a: [1] }).filter((d) => d.zz > 1);\n`);
    const { code, stderr } = await flinkframe(['run', 'bad.ts']);
    expect(code).toBe(1);
    expect(stderr).toContain('zz');
  });
});

describe('flinkframe explain', () => {
  it('prints the plan of what the job would run, and runs no job', async () => {
    const { code, stdout } = await flinkframe(['explain', 'job.ts']);
    expect(code).toBe(0);
    expect(stdout).toContain('==== flinkframe explain: print ====');
    expect(stdout).toContain('== Flink SQL ==');
    expect(stdout).toContain('== Optimized Execution Plan ==');
    expect(stdout).not.toMatch(/^Berlin/m);
  });
});

describe('flinkframe sql', () => {
  it('answers piped statements over a registered CSV file with text tables', async () => {
    const script = '.tables\nSELECT city, pop FROM cities\n  WHERE pop > 2500000 ORDER BY city;\nSELECT COUNT(*) AS n FROM cities;\n';
    const { code, stdout } = await flinkframe(['sql', '--file', 'cities=cities.csv'], script);
    expect(code).toBe(0);
    expect(stdout).toContain('cities: city STRING, pop');
    expect(stdout).toMatch(/^Berlin\s+3600000\nRome\s+2800000\n2 rows$/m);
    expect(stdout).toMatch(/^\s+n\nBIGINT\n-+\n\s+3\n1 row$/m);
  });
  it('reports a failing statement, goes on, and exits with 1', async () => {
    const { code, stdout } = await flinkframe(['sql', '--file', 'cities=cities.csv'], 'SELECT nope FROM cities;\nSELECT city FROM cities WHERE pop > 3000000;\n');
    expect(code).toBe(1);
    expect(stdout).toMatch(/error: .*nope/);
    expect(stdout).toMatch(/^city\nSTRING\n-+\nBerlin\n1 row$/m);
  });
});
