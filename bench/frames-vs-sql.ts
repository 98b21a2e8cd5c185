// (a) The same job written as frames and as hand-written Flink SQL, on one session, alternating runs.
//     Prints medians and the ratio frames / SQL (target ≤ 1.05).
//     node dist/bench/frames-vs-sql.js [--quick]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ff from 'flinkframe';
import { check, fmt, mb, median, printSummary, printTable, quick, timed } from './measure.js';
import { writeTripsCsv } from './trips-csv.js';

const { op, desc } = ff;
const rows = quick ? 500_000 : 3_000_000;
const warmups = quick ? 1 : 2;
const reps = quick ? 3 : 7;

const dir = mkdtempSync(join(tmpdir(), 'flinkframe-bench-'));
const csv = join(dir, 'trips.csv');
const generated = await timed(() => writeTripsCsv(csv, rows));
console.log(`frames vs SQL: ${rows} rows, ${fmt(mb(generated.value))} MB of CSV (generated in ${fmt(generated.ms)} ms)`);

const session = ff.session();
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
const runs = {
  frames: async () => frames().objects(),
  sql: async () => session.sql(handWritten).objects(),
  prebuilt: async () => built.objects(),
};

// Same answer, or the comparison means nothing.
const [a, b] = [await runs.frames(), await runs.sql()];
const same = a.length === b.length && a.every((row, i) =>
  Object.entries(row).every(([k, v]) => (typeof v === 'number' ? Math.abs(v - Number(b[i]![k])) <= 1e-9 * Math.max(1, Math.abs(v)) : v === b[i]![k])));
console.log(`results: ${a.length} groups, frames and SQL ${same ? 'agree' : 'DIFFER'}`);
if (!same) console.log('frames:', a.slice(0, 3), '\nsql:   ', b.slice(0, 3));

for (let i = 1; i < warmups; i++) {
  await runs.frames();
  await runs.sql();
}
const times: Record<keyof typeof runs, number[]> = { frames: [], sql: [], prebuilt: [] };
const build: number[] = [];
for (let i = 0; i < reps; i++) {
  // alternate which goes first, so neither always runs on a warmer JVM or page cache
  for (const which of i % 2 ? (['sql', 'prebuilt', 'frames'] as const) : (['frames', 'prebuilt', 'sql'] as const)) {
    times[which].push((await timed(runs[which])).ms);
  }
  build.push((await timed(() => frames().columnNames())).ms); // building the frame alone (its schema calls)
}

const [mf, ms] = [median(times.frames), median(times.sql)];
printTable(['variant', 'median ms', 'min ms', 'max ms', 'runs'], [
  ['frames (build + run)', fmt(mf), fmt(Math.min(...times.frames)), fmt(Math.max(...times.frames)), reps],
  ['frames (built once, run only)', fmt(median(times.prebuilt)), fmt(Math.min(...times.prebuilt)), fmt(Math.max(...times.prebuilt)), reps],
  ['hand-written SQL', fmt(ms), fmt(Math.min(...times.sql)), fmt(Math.max(...times.sql)), reps],
  ['building the frame alone', fmt(median(build)), fmt(Math.min(...build)), fmt(Math.max(...build)), reps],
]);
console.log(`ratio frames / SQL (medians): ${fmt(mf / ms, 3)}; run only: ${fmt(median(times.prebuilt) / ms, 3)}`);
console.log(`\nthe frames' plan (explain, first lines):\n${frames().explain().split('\n').slice(0, 30).join('\n')}`);

await session.close();
rmSync(dir, { recursive: true, force: true });
printSummary('frames-vs-sql', [check('frames / hand-written SQL', mf / ms, 'x', '<=', 1.05)]);
