// (c) Latency: a warm small query (10k rows: filter + groupby + count, objects()), p50 / p95 over ≥ 30 runs,
//     against the same query hand-written in SQL and a 1-row query in the same session;
//     and cold start (ff.session() to first result) in fresh Node processes (dist/bench/cold-start.js).
//     node dist/bench/latency.js [--quick] [--parallelism N] [--config key=value]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as ff from 'flinkframe';
import { check, fmt, median, printSummary, printTable, quantile, quick, sessionOptions, timed } from './measure.js';
import { random } from './seeded-random.js';

const runs = 30;
const colds = quick ? 2 : 5;

// ---- warm ----
const session = ff.session(sessionOptions());
const next = random(1);
const n = 10_000;
const events = session.table({
  id: Int32Array.from({ length: n }, (_, i) => i),
  kind: Array.from({ length: n }, () => `k${Math.floor(next() * 50)}`),
  amount: Float64Array.from({ length: n }, () => next()),
});
session.register('events', events);

const query = () => events.filter((d) => d.amount > 0.25).groupby('kind').count();
const built = query();
const variants: Record<string, () => Promise<unknown>> = {
  'frames, built each run': () => query().objects(),
  'frames, built once': () => built.objects(),
  'hand-written SQL': () => session.sql('SELECT kind, COUNT(*) AS `count` FROM events WHERE amount > 0.25 GROUP BY kind').objects(),
  '1-row query (fixed cost)': () => session.sql('SELECT 1 AS x1').objects(),
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let i = 0; i < 5; i++) for (const run of Object.values(variants)) await run(); // warm-up
for (let i = 0; i < runs; i++) {
  for (const [name, run] of Object.entries(variants)) times[name]!.push((await timed(run)).ms);
}
const building: number[] = [];
for (let i = 0; i < runs; i++) building.push((await timed(() => query().columnNames())).ms);
await session.close();

console.log(`warm latency: ${n} rows in memory, ${runs} runs each (interleaved), after 5 warm-up runs; session options ${JSON.stringify(sessionOptions())}`);
printTable(['variant', 'p50 ms', 'p95 ms', 'min ms', 'max ms'], [
  ...Object.entries(times).map(([name, t]) => [name, fmt(median(t)), fmt(quantile(t, 0.95)), fmt(Math.min(...t)), fmt(Math.max(...t))]),
  ['building the frame alone (no job)', fmt(median(building)), fmt(quantile(building, 0.95)), fmt(Math.min(...building)), fmt(Math.max(...building))],
]);
const warm = times['frames, built each run']!;
console.log(`ratio frames (built each run) / hand-written SQL, p50: ${fmt(median(warm) / median(times['hand-written SQL']!), 3)}`);

// ---- cold ----
const child = fileURLToPath(new URL('./cold-start.js', import.meta.url));
const starts: Record<string, number>[] = [];
for (let i = 0; i < colds; i++) {
  const out = execFileSync(process.execPath, [child, ...process.argv.slice(2)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  starts.push(JSON.parse(out.trim().split('\n').pop()!));
}
console.log(`\ncold start: ${colds} fresh Node processes (node dist/bench/cold-start.js), medians`);
const phase = (key: string) => median(starts.map((s) => s[key]!));
printTable(['phase', 'median ms', 'all runs ms'], [
  ['Node start, up to the first line of the script', fmt(phase('nodeStart')), starts.map((s) => fmt(s.nodeStart!)).join(', ')],
  ["import('flinkframe')", fmt(phase('import')), starts.map((s) => fmt(s.import!)).join(', ')],
  ['engine start: JVM + mini-cluster + TableEnvironment', fmt(phase('engine')), starts.map((s) => fmt(s.engine!)).join(', ')],
  ['first query: build frame + first job + result', fmt(phase('firstQuery')), starts.map((s) => fmt(s.firstQuery!)).join(', ')],
  ['**ff.session() to first result**', fmt(phase('sessionToResult')), starts.map((s) => fmt(s.sessionToResult!)).join(', ')],
  ['process start to first result', fmt(phase('processToResult')), starts.map((s) => fmt(s.processToResult!)).join(', ')],
]);

printSummary('latency', [
  check('warm p50, small query (frames, built each run)', median(warm), 'ms', '<=', 300),
  check('cold start, ff.session() to first result', phase('sessionToResult'), 'ms', '<=', 5000),
]);
