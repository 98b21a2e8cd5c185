// JavaScript UDFs: rows per second of one job (an in-memory table of two BIGINT columns → derive c = a + b →
// sum of c) with a vectorized UDF, a row UDF and the same computation in plain Flink SQL (the baseline, same
// run, alternating). Prints the ratios to the baseline. 'no pipelining' waits for each batch's result instead
// of buffering the next batch meanwhile.
//     node dist/bench/udf.js [--quick]
import * as ff from 'flinkframe';
import { fmt, median, printSummary, printTable, quick, timed } from './measure.js';

const { op } = ff as unknown as { op: Record<string, (...args: unknown[]) => number> };
const rows = quick ? 200_000 : 2_000_000;
const reps = quick ? 2 : 3;

const session = ff.session();
session.addFunction('addRow', ff.udf((a: number, b: number) => a + b, { returns: 'BIGINT' }));
session.addFunction('addVec', ff.udf((a: BigInt64Array, b: BigInt64Array) => {
  const out = new BigInt64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
  return out;
}, { returns: 'BIGINT', vectorized: true }));
session.addFunction('addVecWaiting', ff.udf((a: BigInt64Array, b: BigInt64Array) => {
  const out = new BigInt64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
  return out;
}, { returns: 'BIGINT', vectorized: true, pipeline: false }));

const a = new BigInt64Array(rows).map((_, i) => BigInt(i));
const b = new BigInt64Array(rows).map((_, i) => BigInt(i % 1000));
const input = session.table({ a, b }, undefined, { types: { a: 'BIGINT', b: 'BIGINT' } });

const jobs: Record<string, () => Promise<Record<string, unknown>[]>> = {
  'plain SQL': () => input.derive({ c: (d: any) => d.a + d.b }).rollup({ s: (d: any) => op.sum(d.c) }).objects(),
  'vectorized UDF': () => input.derive({ c: (d: any) => op.addVec(d.a, d.b) }).rollup({ s: (d: any) => op.sum(d.c) }).objects(),
  'vectorized UDF, no pipelining': () => input.derive({ c: (d: any) => op.addVecWaiting(d.a, d.b) }).rollup({ s: (d: any) => op.sum(d.c) }).objects(),
  'row UDF': () => input.derive({ c: (d: any) => op.addRow(d.a, d.b) }).rollup({ s: (d: any) => op.sum(d.c) }).objects(),
};

// the same answer from each, or the comparison means nothing
const answers = new Set<string>();
for (const job of Object.values(jobs)) answers.add(String((await job())[0]!.s));
console.log(`UDF benchmark: ${rows} rows, parallelism ${session.engine.parallelism}; answers ${answers.size === 1 ? 'agree' : 'DIFFER: ' + [...answers]}`);

const times: Record<string, number[]> = Object.fromEntries(Object.keys(jobs).map((k) => [k, []]));
for (let r = 0; r < reps; r++) for (const [name, job] of Object.entries(jobs)) times[name]!.push((await timed(job)).ms);

const base = median(times['plain SQL']!);
printTable(['job', 'median ms', 'rows/s', 'throughput vs plain SQL'], Object.entries(times).map(([name, ms]) => {
  const m = median(ms);
  return [name, fmt(m), fmt(rows / (m / 1000)), fmt(base / m, 2)];
}));
const vec = median(times['vectorized UDF']!);
const row = median(times['row UDF']!);
console.log(`vectorized UDF is ${fmt(row / vec, 2)}x the row UDF's throughput`);
printSummary('udf', []);
await session.close();
