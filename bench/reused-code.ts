// Generated code reused across jobs (java/.../ReusedGeneratedCode.java): the same loop of jobs
// (bench/repeated-jobs.ts) in fresh processes, alternating the default and the system property that turns the
// reuse off (each job then compiles its operators again, as Flink does on its own), at a large and a small size.
// Prints ms and CPU ms per job of each and the ratio reuse / no reuse (below 1: reuse is faster).
//     node dist/bench/reused-code.js [--quick]
import { fileURLToPath } from 'node:url';
import { alternate, printRepeatedJobs } from './alternate-jvm-options.js';
import { fmt, median, quick } from './measure.js';
import type { RepeatedJobs } from './repeated-jobs.js';

const child = fileURLToPath(new URL('./repeated-jobs.js', import.meta.url));
const pairs = quick ? 1 : 3;
const sizes = quick ? [10_000, 1_000_000] : [10_000, 6_000_000];
const variants = { reused: '', 'compiled per job': '-Dflinkframe.reuse-generated-code=false' };
console.log(`Generated code reused across jobs: ${pairs} fresh processes each, alternating; the same sums job repeated for a fixed time after 3 warm-up jobs`);
for (const rows of sizes) {
  const results = alternate<RepeatedJobs>(child, ['--rows', String(rows), ...(quick ? ['--quick'] : [])], variants, pairs);
  console.log(`\n${rows.toLocaleString('en')} rows:`);
  printRepeatedJobs('variant', results);
  const [reused, perJob] = Object.values(results).map((r) => median(r.map((x) => x.msPerJob)));
  console.log(`ratio reused / compiled per job, ms per job: ${fmt(reused! / perJob!, 3)}`);
}
