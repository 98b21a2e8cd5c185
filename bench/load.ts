// Load in one session: 8 concurrent queries (their wall time against the same 8 one after another, same run),
// and 1000 small queries in a row with Node's RSS and the JVM's heap after GC sampled along the way: flat
// memory means the last samples are no higher than the early ones beyond noise.
//     node dist/bench/load.js [--quick] [--parallelism N]
import * as ff from 'flinkframe';
import { createRequire } from 'node:module';
import { check, fmt, printSummary, printTable, quick, sessionOptions, timed } from './measure.js';

const session = ff.session(sessionOptions());
const n = 20_000;
const base = session.table({
  id: Int32Array.from({ length: n }, (_, i) => i),
  g: Array.from({ length: n }, (_, i) => `g${i % 17}`),
  x: Float64Array.from({ length: n }, (_, i) => (i * 7919) % 1000),
});
// eight different queries over the same source
const queries = Array.from({ length: 8 }, (_, k) => () =>
  base.params({ k }).filter((d: any, $: any) => d.x > $.k * 100).groupby('g').rollup({ s: (d: any) => ff.op.sum(d.x) }).objects());

for (const q of queries) await q(); // warm-up
const sequential = await timed(async () => {
  for (const q of queries) await q();
});
const concurrent = await timed(() => Promise.all(queries.map((q) => q())));

// ---- 1000 small queries ----
const java = createRequire(import.meta.url)('java-bridge') as { importClass(name: string): any };
const System = java.importClass('java.lang.System');
const Runtime = java.importClass('java.lang.Runtime');
function memory(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  System.gcSync();
  const runtime = Runtime.getRuntimeSync();
  return { rss: process.memoryUsage().rss / 2 ** 20, heap: Number(runtime.totalMemorySync() - runtime.freeMemorySync()) / 2 ** 20 };
}
const small = session.table({ a: [1, 2, 3], b: ['x', 'y', 'z'] });
const count = quick ? 200 : 1000;
const samples: { after: number; rss: number; heap: number }[] = [];
const loop = await timed(async () => {
  for (let i = 1; i <= count; i++) {
    const rows = await small.params({ i }).filter((d: any, $: any) => d.a > $.i % 3).objects();
    if (rows.length !== 3 - (i % 3)) throw new Error(`query ${i}: ${rows.length} rows`);
    if (i === 50 || i % (count / 5) === 0) samples.push({ after: i, ...memory() });
  }
});
await session.close();

printTable(['8 queries', 'wall ms', 'ratio'], [
  ['one after another', fmt(sequential.ms), '1.00'],
  ['concurrently', fmt(concurrent.ms), fmt(concurrent.ms / sequential.ms, 2)],
]);
console.log();
printTable(['after query', 'Node RSS MiB', 'JVM heap after GC MiB'], samples.map((s) => [s.after, fmt(s.rss), fmt(s.heap)]));
const [first, last] = [samples[0]!, samples.at(-1)!];
console.log(`\n${count} small queries: ${fmt(loop.ms / count)} ms each; RSS ${fmt(first.rss)} -> ${fmt(last.rss)} MiB, heap ${fmt(first.heap)} -> ${fmt(last.heap)} MiB`);
printSummary('load', [
  check('8 concurrent / sequential', concurrent.ms / sequential.ms, 'x', '<=', 1),
  check('RSS growth, first sample to last', last.rss - first.rss, 'MiB', '<=', 50),
  check('heap growth, first sample to last', last.heap - first.heap, 'MiB', '<=', 20),
]);
