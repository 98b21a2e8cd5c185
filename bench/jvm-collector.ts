// The embedded JVM's garbage collector: the same loop of jobs (bench/repeated-jobs.ts) in fresh processes,
// alternating the default (src/runtime/jvm.ts: the parallel collector) and G1 (the JVM's own default), through
// FLINKFRAME_JVM_OPTS. Prints ms per job of each and the ratio default / G1 (below 1: the default is faster).
//     node dist/bench/jvm-collector.js [--quick]
import { fileURLToPath } from 'node:url';
import { alternate, printRepeatedJobs } from './alternate-jvm-options.js';
import { fmt, median, quick } from './measure.js';
import type { RepeatedJobs } from './repeated-jobs.js';

const child = fileURLToPath(new URL('./repeated-jobs.js', import.meta.url));
const pairs = quick ? 1 : 3;
const results = alternate<RepeatedJobs>(child, process.argv.slice(2), { 'default (parallel)': '', G1: '-XX:+UseG1GC' }, pairs);
console.log(`JVM collector: ${pairs} fresh processes each, alternating; the same sums job repeated for a fixed time after 3 warm-up jobs`);
printRepeatedJobs('collector', results);
const [ours, g1] = Object.values(results).map((r) => median(r.map((x) => x.msPerJob)));
console.log(`ratio default / G1, ms per job: ${fmt(ours! / g1!, 3)}`);
