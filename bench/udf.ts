// JavaScript UDFs: rows per second of one job (a datagen table of two BIGINT sequences → c = a + b → sum of c)
// computed by plain Flink SQL, a flinkframe vectorized UDF, a flinkframe row UDF, a Java ScalarFunction (no
// process boundary) and PyFlink 2.3's pandas UDF, at the same parallelism on the same machine in the same run
// (one PyFlink run after each round of flinkframe runs, so that a change of load weighs on both).
// Workers are reused between jobs (UdfWorkerPool, as Spark reuses Python workers); one row starts new ones each job.
// Then the UDF plan optimizations, each with and without (udf-plan-switches.ts), and a batch-size sweep.
// PyFlink runs from bench/.venv, created on first use (`pip install apache-flink==2.3.0`).
//     node dist/bench/udf.js [--quick] [--no-pyflink] [--no-plan] [--rows N] [--reps N] [--parallelism N]
// (--no-plan: only the engines, without the plan optimizations and the batch-size sweep)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ff from 'flinkframe';
import { udfPlanSwitches } from '../src/frame/udf-plan-switches.js';
import { check, fmt, median, printSummary, printTable, quick, sessionOptions, timed, type Check } from './measure.js';

const { op } = ff as unknown as { op: Record<string, (...args: unknown[]) => number> };
const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
};
const rows = flag('--rows') ?? (quick ? 200_000 : 2_000_000);
const reps = flag('--reps') ?? (quick ? 2 : 3);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const session = ff.session(sessionOptions());
const parallelism = session.engine.parallelism;

const addVecSource = (a: BigInt64Array, b: BigInt64Array) => {
  const out = new BigInt64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
  return out;
};
session.addFunction('addRow', ff.udf((a: number, b: number) => a + b, { returns: 'BIGINT' }));
session.addFunction('addVec', ff.udf(addVecSource, { returns: 'BIGINT', vectorized: true }));
const sweep = [1_000, 5_000, 10_000, 50_000];
for (const size of sweep) session.addFunction(`addVec${size}`, ff.udf(addVecSource, { returns: 'BIGINT', vectorized: true, batchSize: size }));

// the same source for every engine: Flink's datagen connector, two sequences 0..rows-1 (the sum is known), the
// table PyFlink's side makes too; `wide` adds four random STRING(40) columns for the column-pruning row (datagen
// generates every column whatever the query reads, so they stay out of the engines' comparison)
const sequences = `'number-of-rows' = '${rows}', 'rows-per-second' = '1000000000',
  'fields.a.kind' = 'sequence', 'fields.a.start' = '0', 'fields.a.end' = '${rows - 1}',
  'fields.b.kind' = 'sequence', 'fields.b.start' = '0', 'fields.b.end' = '${rows - 1}'`;
const strings = (n: number) => Array.from({ length: n }, (_, i) => `, s${i} STRING`).join('');
const stringOptions = (n: number) => Array.from({ length: n }, (_, i) => `, 'fields.s${i}.length' = '40'`).join('');
session.engine.execute(`CREATE TEMPORARY TABLE gen (a BIGINT, b BIGINT) WITH ('connector' = 'datagen', ${sequences})`);
session.engine.execute(`CREATE TEMPORARY TABLE gen_wide (a BIGINT, b BIGINT${strings(4)}) WITH ('connector' = 'datagen', ${sequences}${stringOptions(4)})`);
const input = () => session.sql('SELECT a, b FROM gen');
const wide = () => session.sql('SELECT * FROM gen_wide');
const expected = String(rows * (rows - 1));

/** A Java ScalarFunction from the Java module's test classes (java/src/test/java/dev/flinkframe/bench). */
function javaUdf(): string | undefined {
  const classes = join(root, 'java', 'target', 'test-classes');
  if (!existsSync(join(classes, 'dev', 'flinkframe', 'bench', 'AddBigints.class'))) return 'java/target/test-classes has no AddBigints.class: run `node scripts/setup.mjs --java-only`';
  const jar = join(mkdtempSync(join(tmpdir(), 'flinkframe-bench-')), 'bench-udf.jar');
  const jarTool = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'jar') : 'jar';
  execFileSync(jarTool, ['--create', '--file', jar, '-C', classes, 'dev/flinkframe/bench']);
  session.engine.execute(`CREATE TEMPORARY FUNCTION jadd AS 'dev.flinkframe.bench.AddBigints' USING JAR '${jar}'`);
  return undefined;
}
const javaProblem = javaUdf();

type Job = () => Promise<Record<string, unknown>[]>;
const sum = (t: ff.Table) => t.rollup({ s: (d: any) => op.sum(d.c) }).objects();
/** A job whose UDF stages start new workers instead of reusing those of earlier jobs (the stage is built at derive). */
const withNewWorkers = (job: Job): Job => () => {
  udfPlanSwitches.reuseWorkers = false;
  try {
    return job();
  } finally {
    udfPlanSwitches.reuseWorkers = true;
  }
};
const jobs: Record<string, Job> = {
  'plain SQL': () => sum(input().derive({ c: (d: any) => d.a + d.b })),
  'flinkframe vectorized UDF': () => sum(input().derive({ c: (d: any) => op.addVec(d.a, d.b) })),
  'flinkframe vectorized UDF, new workers for the job': withNewWorkers(() => sum(input().derive({ c: (d: any) => op.addVec(d.a, d.b) }))),
  'flinkframe row UDF': () => sum(input().derive({ c: (d: any) => op.addRow(d.a, d.b) })),
  ...(javaProblem ? {} : { 'Java ScalarFunction': () => session.sql('SELECT SUM(jadd(a, b)) AS s FROM gen').objects() }),
};

/** Medians of the jobs' times; `afterRound` runs after each round of timed runs (PyFlink's turn, interleaved). */
async function measure(named: Record<string, Job>, times: number, answer = expected, afterRound = () => {}): Promise<Record<string, number>> {
  for (const [name, job] of Object.entries(named)) {
    const got = String((await job())[0]!.s); // warm-up, and the same answer from each
    if (got !== answer) throw new Error(`${name} answered ${got}, expected ${answer}`);
  }
  const ms: Record<string, number[]> = Object.fromEntries(Object.keys(named).map((k) => [k, []]));
  for (let r = 0; r < times; r++) {
    for (const [name, job] of Object.entries(named)) ms[name]!.push((await timed(job)).ms);
    afterRound();
  }
  return Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, median(v)]));
}

/** PyFlink's plain SQL and pandas UDF runs of the same job (`runs` timed runs after a warm-up), or why they could not run. */
function pyflink(batchSize: number, runs = reps): { times?: Record<string, number[]>; problem?: string } {
  if (process.argv.includes('--no-pyflink')) return { problem: 'skipped (--no-pyflink)' };
  const venv = join(root, 'bench', '.venv');
  const python = join(venv, 'bin', 'python');
  if (!existsSync(python)) {
    const made = spawnSync('python3', ['-m', 'venv', venv], { encoding: 'utf8' });
    if (made.status !== 0) return { problem: `python3 -m venv failed: ${made.stderr.trim().split('\n').at(-1)}` };
  }
  const installed = spawnSync(python, ['-c', 'import pyflink'], { encoding: 'utf8' });
  if (installed.status !== 0) {
    const pip = spawnSync(join(venv, 'bin', 'pip'), ['install', '-q', 'apache-flink==2.3.0'], { encoding: 'utf8' });
    if (pip.status !== 0) return { problem: `pip install apache-flink==2.3.0 failed: ${pip.stderr.trim().split('\n').slice(-3).join(' / ')}` };
  }
  const run = spawnSync(python, [join(root, 'bench', 'udf_pyflink.py'), String(rows), String(parallelism), String(runs), String(batchSize)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !last.startsWith('{')) return { problem: `PyFlink job failed (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-4).join(' / ')}` };
  const out = JSON.parse(last) as { times: Record<string, number[]>; answers: Record<string, number> };
  const wrong = Object.entries(out.answers).find(([, a]) => String(a) !== expected);
  if (wrong) return { problem: `PyFlink ${wrong[0]} answered ${wrong[1]}, expected ${expected}` };
  return { times: out.times };
}

/**
 * PyFlink's runs interleaved with flinkframe's: one PyFlink run (its own process, after its warm-up) after each
 * round of flinkframe runs, so that a change of the machine's load during the benchmark weighs on both alike.
 */
function interleavedPyflink(batchSize: number): { afterRound: () => void; result: () => { times?: Record<string, number>; problem?: string } } {
  const runs: Record<string, number[]> = {};
  let problem = process.argv.includes('--no-pyflink') ? 'skipped (--no-pyflink)' : undefined;
  return {
    afterRound: () => {
      if (problem) return;
      const one = pyflink(batchSize, 1);
      if (one.problem) problem = one.problem;
      for (const [k, v] of Object.entries(one.times ?? {})) (runs[k] ??= []).push(...v);
    },
    result: () => (problem ? { problem } : { times: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)])) }),
  };
}

console.log(`UDF benchmark: ${rows} rows (datagen, two BIGINT sequences), parallelism ${parallelism}, median of ${reps} runs\n`);
const pyRounds = interleavedPyflink(10_000);
const times = await measure(jobs, reps, expected, pyRounds.afterRound);
const py = pyRounds.result();
const pyDefaultRuns = process.argv.includes('--pyflink-default-batch') ? pyflink(1_000) : { problem: 'not run (--pyflink-default-batch)' };
const pyDefault = { ...pyDefaultRuns, times: pyDefaultRuns.times && Object.fromEntries(Object.entries(pyDefaultRuns.times).map(([k, v]) => [k, median(v)])) };
const all: Record<string, number> = { ...times };
if (py.times) {
  all['PyFlink plain SQL'] = py.times.plain!;
  all['PyFlink pandas UDF (batch 10000)'] = py.times.pandas!;
}
if (pyDefault.times) all['PyFlink pandas UDF (default batch 1000)'] = pyDefault.times.pandas!;
printTable(['job', 'median ms', 'rows/s', 'vs plain SQL (same engine)'], Object.entries(all).map(([name, ms]) => {
  const base = name.startsWith('PyFlink') ? py.times?.plain ?? NaN : times['plain SQL']!;
  return [name, fmt(ms), fmt(rows / (ms / 1000)), fmt(base / ms, 2)];
}));
if (javaProblem) console.log(`Java ScalarFunction: not measured: ${javaProblem}`);
if (py.problem) console.log(`PyFlink: not measured: ${py.problem}`);

const vec = times['flinkframe vectorized UDF']!;
const checks: Check[] = [];
console.log(`\nvectorized UDF is ${fmt(times['flinkframe row UDF']! / vec, 2)}x the row UDF's throughput`);
if (py.times) checks.push(check('vectorized UDF throughput vs PyFlink pandas UDF (batch 10000)', py.times.pandas! / vec, 'x', '>=', 2));
if (pyDefault.times) console.log(`vectorized UDF vs PyFlink pandas UDF at its default batch size: ${fmt(pyDefault.times.pandas! / vec, 2)}x`);
if (!javaProblem) checks.push(check('vectorized UDF throughput vs Java ScalarFunction', times['Java ScalarFunction']! / vec, 'x', '>=', 0.5));

if (process.argv.includes('--no-plan')) {
  printSummary('udf', checks);
  await session.close();
  process.exit(0);
}

// ---- the plan optimizations, each against its absence (same run) ----
type Switch = keyof typeof udfPlanSwitches;
const twice = String(2n * BigInt(expected));
const tenth = rows / 10; // a % 10 == 0 keeps a = 10k for k < tenth, where a + b = 20k
const optimizations: { name: Switch; what: string; job: Job; answer: string }[] = [
  { name: 'splitByKind', what: '(a) row and vectorized UDFs in separate stages (derive r = addRow(a, b), v = addVec(a, b))', answer: twice,
    job: () => input().derive({ r: (d: any) => op.addRow(d.a, d.b), v: (d: any) => op.addVec(d.a, d.b) }).derive({ c: (d: any) => d.r + d.v }).rollup({ s: (d: any) => op.sum(d.c) }).objects() },
  { name: 'pushFilters', what: '(b) filter below the stage (derive c = addVec(a, b), then filter a % 10 == 0: 10% of rows)', answer: String(10 * tenth * (tenth - 1)),
    job: () => sum(input().derive({ c: (d: any) => op.addVec(d.a, d.b) }).filter((d: any) => d.a % 10 === 0)) },
  { name: 'chain', what: '(c) two vectorized UDFs in one round trip (derive x = addVec(a, b), y = addVec(b, a))', answer: twice,
    job: () => input().derive({ x: (d: any) => op.addVec(d.a, d.b), y: (d: any) => op.addVec(d.b, d.a) }).derive({ c: (d: any) => d.x + d.y }).rollup({ s: (d: any) => op.sum(d.c) }).objects() },
  { name: 'shipOnlyRead', what: '(d) ship only read columns (the table has 4 more STRING(40) columns)', answer: expected,
    job: () => sum(wide().derive({ c: (d: any) => op.addVec(d.a, d.b) })) },
];
console.log('\nUDF plan optimizations (each job run with the optimization on and off; speedup = off ms / on ms):\n');
const optimizationRows: string[][] = [];
for (const { name, what, job, answer } of optimizations) {
  const timesOf = async (on: boolean) => {
    udfPlanSwitches[name] = on;
    try {
      return (await measure({ [name]: job }, reps, answer))[name]!;
    } finally {
      udfPlanSwitches[name] = true;
    }
  };
  const [on, off] = [await timesOf(true), await timesOf(false)];
  optimizationRows.push([what, fmt(on), fmt(off), fmt(off / on, 2)]);
}
printTable(['optimization', 'on: median ms', 'off: median ms', 'speedup'], optimizationRows);

// ---- batch sizes ----
console.log('\nBatch-size sweep (vectorized UDF):\n');
const sweepTimes = await measure(Object.fromEntries(sweep.map((size) => [`${size}`, () => sum(input().derive({ c: `d => op.addVec${size}(d.a, d.b)` }))])), reps);
printTable(['batch size (rows)', 'median ms', 'rows/s', 'vs batch 10000'], sweep.map((size) => {
  const ms = sweepTimes[`${size}`]!;
  return [String(size), fmt(ms), fmt(rows / (ms / 1000)), fmt(sweepTimes['10000']! / ms, 2)];
}));

printSummary('udf', checks);
await session.close();
