// Runs every benchmark, each in its own Node process (a process holds one JVM), and prints a summary of the
// targets. npm run bench [-- --quick]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';
import { fmt, printTable, quick, type Check } from './measure.js';

const benchmarks = ['frames-vs-sql', 'data-plane', 'latency', 'load', 'local-engine'];

/** Runs one benchmark, echoing its output, and returns the checks of its summary line. */
function run(name: string): Promise<{ checks: Check[]; others: number }> {
  const script = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script, ...(quick ? ['--quick'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH-SUMMARY '));
      if (code !== 0 || !line) return reject(new Error(`bench/${name} failed (exit code ${code})`));
      resolve(JSON.parse(line.slice('BENCH-SUMMARY '.length)) as { checks: Check[]; others: number });
    });
  });
}

const started = performance.now();
console.log(`flinkframe benchmarks${quick ? ' (--quick)' : ''}: ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
const results: [string, { checks: Check[]; others: number } | Error][] = [];
for (const name of benchmarks) {
  console.log(`==== bench/${name} ====`);
  const start = performance.now();
  results.push([name, await run(name).catch((e: Error) => e)]);
  console.log(`==== bench/${name}: ${fmt((performance.now() - start) / 1000)} s ====\n`);
}

console.log(`==== summary (${fmt((performance.now() - started) / 1000)} s in all) ====`);
printTable(['benchmark', 'figure', 'measured', 'target', 'met', "others' CPU"], results.flatMap(([name, result]) =>
  result instanceof Error
    ? [[name, result.message, '-', '-', 'failed', '-']]
    : result.checks.map((c) => [name, c.name, `${fmt(c.value, c.unit === 'x' ? 3 : 0)} ${c.unit}`, c.target, c.met ? 'met' : '**not met**', `${fmt(100 * result.others)}%`])));
console.log("(others' CPU: the share of the machine other processes kept busy during that benchmark; above a few % the wall-clock figures are inflated)");
process.exitCode = results.some(([, c]) => c instanceof Error) ? 1 : 0;
