// Runs a benchmark that prints one JSON line of figures in fresh Node processes (a process holds one JVM),
// alternating the embedded JVM's options (FLINKFRAME_JVM_OPTS), so that both variants see the machine alike.
import { execFileSync } from 'node:child_process';
import { fmt, median, printTable } from './measure.js';
import type { RepeatedJobs } from './repeated-jobs.js';

/** Each variant's figures, one per process, `pairs` processes each, in the order ABAB… */
export function alternate<T>(script: string, args: string[], variants: Record<string, string>, pairs: number): Record<string, T[]> {
  const results: Record<string, T[]> = {};
  for (let i = 0; i < pairs; i++) {
    for (const [name, opts] of Object.entries(variants)) {
      const out = execFileSync(process.execPath, [script, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, FLINKFRAME_JVM_OPTS: opts },
      });
      (results[name] ??= []).push(JSON.parse(out.trim().split('\n').pop()!) as T);
    }
  }
  return results;
}

/** A table of bench/repeated-jobs.ts figures by variant: median ms per job, each process, median CPU per job. */
export function printRepeatedJobs(label: string, results: Record<string, RepeatedJobs[]>): void {
  printTable([label, 'median ms per job', 'each process', 'median CPU ms per job'], Object.entries(results).map(([name, r]) =>
    [name, fmt(median(r.map((x) => x.msPerJob))), r.map((x) => `${fmt(x.msPerJob)} (${x.jobs} jobs)`).join(', '), fmt(median(r.map((x) => x.cpuMsPerJob)))]));
}
