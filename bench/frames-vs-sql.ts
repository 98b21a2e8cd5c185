// (a) The same job written as frames and as hand-written Flink SQL, on one session, alternating runs.
//     Prints medians and the ratio frames / SQL (target ≤ 1.05).
//     node dist/bench/frames-vs-sql.js [--quick] [--parallelism N] [--config key=value]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ff from 'flinkframe';
import { check, fmt, mb, median, othersLoad, printSummary, printTable, quick, sessionOptions, timed } from './measure.js';
import { writeTripsCsv } from './trips-csv.js';

const { op, desc } = ff;
const rows = quick ? 500_000 : 3_000_000;
const warmups = quick ? 1 : 2;
const reps = quick ? 3 : 11;

const dir = mkdtempSync(join(tmpdir(), 'flinkframe-bench-'));
const csv = join(dir, 'trips.csv');
const generated = await timed(() => writeTripsCsv(csv, rows));
console.log(`frames vs SQL: ${rows} rows, ${fmt(mb(generated.value))} MB of CSV (generated in ${fmt(generated.ms)} ms); session options ${JSON.stringify(sessionOptions())}`);

const session = ff.session(sessionOptions());
const trips = session.loadCSV(csv);
session.register('trips', trips);

/** The pipeline as a data scientist writes it. Built anew on each run: building a frame is part of its cost. */
const frames = () =>
  trips
    .filter((d) => d.fare > 0 && d.passengers >= 1)
    .derive({ tip_pct: (d) => (100 * d.tip) / d.fare, per_km: (d) => d.fare / (d.distance + 1) })
    .groupby('zone', 'payment')
    .rollup({
      n: () => op.count(),
      avg_fare: (d) => op.mean(d.fare),
      total_tip: (d) => op.sum(d.tip),
      avg_tip_pct: (d) => op.mean(d.tip_pct),
      avg_per_km: (d) => op.mean(d.per_km),
    })
    .orderby(desc('n'), 'zone', 'payment');

/** The same job as a Flink user would write it by hand. */
const handWritten = `
SELECT zone, payment, COUNT(*) AS n, AVG(fare) AS avg_fare, SUM(tip) AS total_tip,
       AVG(100 * tip / fare) AS avg_tip_pct, AVG(fare / (distance + 1)) AS avg_per_km
FROM trips
WHERE fare > 0 AND passengers >= 1
GROUP BY zone, payment
ORDER BY n DESC, zone, payment`;

const built = frames();
// The engine keeps query schemas by SQL text, so a frame built again asks the planner nothing; the "first" variants
// forget them first: a pipeline's first run, both ways.
const forget = () => session.engine.forgetSchemas();
const runs = {
  frames: async () => frames().objects(),
  sql: async () => session.sql(handWritten).objects(),
  prebuilt: async () => built.objects(),
  framesFirst: async () => { forget(); return frames().objects(); },
  sqlFirst: async () => { forget(); return session.sql(handWritten).objects(); },
};

// Same answer, or the comparison means nothing.
const [a, b] = [await runs.frames(), await runs.sql()];
const same = a.length === b.length && a.every((row, i) =>
  Object.entries(row).every(([k, v]) => (typeof v === 'number' ? Math.abs(v - Number(b[i]![k])) <= 1e-9 * Math.max(1, Math.abs(v)) : v === b[i]![k])));
console.log(`results: ${a.length} groups, frames and SQL ${same ? 'agree' : 'DIFFER'}`);
if (!same) console.log('frames:', a.slice(0, 3), '\nsql:   ', b.slice(0, 3));

for (let i = 1; i < warmups; i++) for (const run of Object.values(runs)) await run();

type Variant = keyof typeof runs | 'build' | 'buildFirst';
const variants: Variant[] = ['frames', 'prebuilt', 'sql', 'framesFirst', 'sqlFirst', 'build', 'buildFirst'];
const wall = Object.fromEntries(variants.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
const cpu = Object.fromEntries(variants.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
const others = othersLoad();
for (let i = 0; i < reps; i++) {
  // alternate the order, so that none always runs first (on a JVM just after another job's garbage)
  const order = ['frames', 'prebuilt', 'sql', 'framesFirst', 'sqlFirst'] as const;
  for (const which of i % 2 ? [...order].reverse() : order) {
    const t = await timed(runs[which]);
    wall[which].push(t.ms);
    cpu[which].push(t.cpu);
  }
  // building the frame alone, no job: with the schemas known, and its first time (its planner calls)
  for (const [which, before] of [['build', () => {}], ['buildFirst', forget]] as const) {
    before();
    const t = await timed(() => frames().columnNames());
    wall[which].push(t.ms);
    cpu[which].push(t.cpu);
  }
}
const busy = others();

const label: Record<Variant, string> = {
  frames: 'frames (build + run)',
  prebuilt: 'frames (built once, run only)',
  sql: 'hand-written SQL',
  framesFirst: 'frames, first run (build asking the planner + run)',
  sqlFirst: 'hand-written SQL, first run (its schema asked of the planner)',
  build: 'building the frame alone (no job)',
  buildFirst: 'building the frame alone, first time (its planner calls, no job)',
};
printTable(['variant', 'median ms', 'min ms', 'max ms', 'median CPU ms (all threads)'], variants.map((v) =>
  [label[v], fmt(median(wall[v])), fmt(Math.min(...wall[v])), fmt(Math.max(...wall[v])), fmt(median(cpu[v]))]));
const ratio = median(wall.frames) / median(wall.sql);
const firstRatio = median(wall.framesFirst) / median(wall.sqlFirst);
console.log(`${reps} runs each, alternating; other processes kept ${fmt(100 * busy)}% of the machine's CPU busy meanwhile`);
console.log(`ratio frames / SQL: ${fmt(ratio, 3)} (medians), ${fmt(Math.min(...wall.frames) / Math.min(...wall.sql), 3)} (minimums), ` +
  `${fmt(median(cpu.frames) / median(cpu.sql), 3)} (CPU); run only: ${fmt(median(wall.prebuilt) / median(wall.sql), 3)}; ` +
  `first runs: ${fmt(firstRatio, 3)} (medians), ${fmt(median(cpu.framesFirst) / median(cpu.sqlFirst), 3)} (CPU)`);
// Flink's optimized physical plan of each: if they are the same, the jobs are the same and only building differs.
// (Compared up to the names of the derived columns: the frames name them, Flink names the SQL's $f4, $f5.)
const physical = (explained: string) =>
  (explained.split('== Optimized Physical Plan ==')[1]?.split('\n== ')[0]?.trim() ?? '').replace(/\$f\d+|\btip_pct\b|\bper_km\b/g, '_');
const [framesPlan, sqlPlan] = [physical(frames().explain()), physical(session.sql(handWritten).explain())];
console.log(`Flink's optimized physical plans of the two: ${framesPlan === sqlPlan ? 'identical' : 'DIFFERENT'} (derived columns named _)\n${framesPlan}`);
if (framesPlan !== sqlPlan) console.log(`hand-written SQL's plan:\n${sqlPlan}`);

await session.close();
rmSync(dir, { recursive: true, force: true });
printSummary('frames-vs-sql', [
  check('frames / hand-written SQL (medians)', ratio, 'x', '<=', 1.05),
  check('frames / hand-written SQL, first runs (medians)', firstRatio, 'x', '<=', 1.05),
]);
