// The local engine (session({ engine: 'local' }): Arquero in-process, no JVM) against the embedded Flink session,
// on the same small pipeline in the same run: what switching a unit test to the local engine buys.
//     node dist/bench/local-engine.js [--quick] [--parallelism N] [--config key=value]
import * as ff from 'flinkframe';
import { check, fmt, median, printSummary, printTable, quantile, quick, sessionOptions, timed } from './measure.js';
import { random } from './seeded-random.js';

const runs = quick ? 10 : 30;
const n = 1_000;
const next = random(7);
const data = {
  id: Array.from({ length: n }, (_, i) => i),
  kind: Array.from({ length: n }, () => `k${Math.floor(next() * 20)}`),
  amount: Array.from({ length: n }, () => Math.round(next() * 10_000) / 100),
};

/** A unit test's pipeline: filter, derive, groupby + rollup, orderby, then the rows. */
const pipeline = (s: ff.Session) =>
  s.table(data)
    .filter((d) => d.amount > 10)
    .derive({ cents: (d) => d.amount * 100 })
    .groupby('kind')
    .rollup({ n: ff.op.count(), total: ff.op.sum('cents') })
    .orderby(ff.desc('total'))
    .objects();

const sessions = { local: ff.session({ engine: 'local' }), flink: ff.session({ ...sessionOptions(), engine: 'flink' }) };
const first = { local: (await timed(() => pipeline(sessions.local))).ms, flink: (await timed(() => pipeline(sessions.flink))).ms };
// sums of doubles may differ in the last bits between a sequential and a parallel sum
const rounded = (rows: unknown) => JSON.stringify(rows, (_, v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v));
const same = rounded(await pipeline(sessions.local)) === rounded(await pipeline(sessions.flink));
for (let i = 0; i < 3; i++) for (const s of Object.values(sessions)) await pipeline(s); // warm-up
const times: Record<'local' | 'flink', number[]> = { local: [], flink: [] };
for (let i = 0; i < runs; i++) {
  for (const name of ['local', 'flink'] as const) times[name].push((await timed(() => pipeline(sessions[name]))).ms);
}
await sessions.flink.close();

console.log(`a small pipeline (${n} rows: filter, derive, groupby + rollup, orderby, objects), built and run ${runs} times on each engine (interleaved), after 3 warm-up runs; same rows on both: ${same}`);
printTable(['engine', 'first run ms (Flink: with JVM + mini-cluster start)', 'p50 ms', 'p95 ms', 'min ms'], (['local', 'flink'] as const).map((name) => [
  name, fmt(first[name]), fmt(median(times[name]), 2), fmt(quantile(times[name], 0.95), 2), fmt(Math.min(...times[name]), 2),
]));
const ratio = median(times.local) / median(times.flink);
console.log(`ratio local / Flink, warm p50: ${fmt(ratio, 4)} (Flink is ${fmt(1 / ratio, 0)}x slower); first run: ${fmt(first.local / first.flink, 4)}`);

printSummary('local-engine', [
  check('local / Flink warm p50, small pipeline', ratio, 'x', '<=', 0.1),
  check('same rows on both engines', same ? 1 : 0, '', '>=', 1),
]);
