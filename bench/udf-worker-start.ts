// Starting a UDF worker: the shipped bundle (dist/udf-worker/udf-worker.mjs, one file) against the unbundled
// compiled worker (dist/src/runtime/udf-worker.js, which imports apache-arrow from node_modules), alternating
// in the same run. Each start is a Node process that loads the worker and exits when its stdin ends: the cost
// a task pays per worker before its first batch. Prints medians and the ratio to the unbundled baseline.
//     node dist/bench/udf-worker-start.js [--quick]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../src/runtime/package-root.js';
import { workerBundle } from '../src/runtime/udf-bundle.js';
import { fmt, median, quick } from './measure.js';

const scripts = { unbundled: join(packageRoot, 'dist', 'src', 'runtime', 'udf-worker.js'), bundled: workerBundle() };
const reps = quick ? 5 : 15;
const times: Record<string, number[]> = { unbundled: [], bundled: [] };

for (let i = 0; i < reps; i++) {
  for (const [name, script] of Object.entries(scripts)) {
    const start = performance.now();
    const run = spawnSync(process.execPath, [script], { input: '', cwd: packageRoot });
    if (run.status !== 0) throw new Error(`${name} worker failed: ${run.stderr}`);
    times[name]!.push(performance.now() - start);
  }
}
const base = median(times.unbundled!);
for (const [name, t] of Object.entries(times)) {
  console.log(`${name.padEnd(10)} median ${fmt(median(t))} ms over ${reps} starts, ratio to unbundled ${(median(t) / base).toFixed(2)}`);
}
