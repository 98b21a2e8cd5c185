// Small helpers the benchmarks share: timing, order statistics, table printing, the summary line run-all reads.

import { readFileSync } from 'node:fs';

export const quick = process.argv.includes('--quick');

/**
 * Session options from the command line, to try a setting against the defaults in the same benchmark:
 * `--parallelism N` and `--config key=value` (repeatable), e.g. --config 'slotmanager.requirement-check.delay=0 ms'.
 */
export function sessionOptions(): { parallelism?: number; config?: Record<string, string> } {
  const args = process.argv;
  const values = (flag: string) => args.flatMap((a, i) => (a === flag && i + 1 < args.length ? [args[i + 1]!] : []));
  const [parallelism] = values('--parallelism');
  const config = Object.fromEntries(values('--config').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  return { ...(parallelism ? { parallelism: Number(parallelism) } : {}), ...(Object.keys(config).length ? { config } : {}) };
}

/**
 * Wall-clock milliseconds spent in fn, its result, and the CPU milliseconds the process used meanwhile. The JVM
 * (Flink) runs inside this process, so `cpu` counts Flink's threads too, and is not inflated when other programs
 * compete for the cores the way wall-clock time is.
 */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; cpu: number; value: T }> {
  const [start, cpuStart] = [performance.now(), process.cpuUsage()];
  const value = await fn();
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000, value };
}

/** Busy and total CPU milliseconds of the whole machine so far (Linux /proc/stat), or undefined elsewhere. */
function machineCpu(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3]! + fields[4]!; // idle + iowait
    const total = fields.reduce((a, b) => a + b, 0);
    const tick = 10; // USER_HZ is 100 on Linux: 10 ms a tick
    return { busy: (total - idle) * tick, total: total * tick };
  } catch {
    return undefined;
  }
}

/** CPU milliseconds of this process's finished child processes (Linux /proc/self/stat cutime + cstime). */
function childrenCpu(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // fields 16 and 17 of stat(5), in 10 ms ticks
  } catch {
    return 0;
  }
}

/**
 * Starts watching the machine: the returned function tells what share of all cores other processes kept busy
 * since then (this process's own CPU and its children's taken out). Above a few percent, wall-clock figures are
 * inflated by them.
 */
export function othersLoad(): () => number {
  const [machine, own, children] = [machineCpu(), process.cpuUsage(), childrenCpu()];
  return () => {
    const now = machineCpu();
    if (!machine || !now) return NaN;
    const mine = process.cpuUsage(own);
    const others = now.busy - machine.busy - (mine.user + mine.system) / 1000 - (childrenCpu() - children);
    return Math.max(0, others) / (now.total - machine.total);
  };
}

/** The q-quantile (0..1) by nearest rank of the sorted values. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (values: number[]) => quantile(values, 0.5);

export const mb = (bytes: number) => bytes / 1e6;

export const fmt = (x: number, digits = 0) => x.toFixed(digits);

/** Prints rows as a Markdown table (so the output can go into docs/benchmarks.md as it is). */
export function printTable(header: string[], rows: (string | number)[][]): void {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  console.log(line(header));
  console.log(line(header.map(() => '---')));
  for (const row of rows) console.log(line(row));
}

/** A target check: the measured figure, the bound, and whether it is met. */
export interface Check {
  name: string;
  value: number;
  unit: string;
  target: string;
  met: boolean;
}

export function check(name: string, value: number, unit: string, op: '<=' | '>=', bound: number): Check {
  return { name, value, unit, target: `${op} ${bound} ${unit}`.trim(), met: op === '<=' ? value <= bound : value >= bound };
}

const sinceStart = othersLoad();

/** The last line of a benchmark: one JSON object that bench/run-all.ts reads back. */
export function printSummary(benchmark: string, checks: Check[]): void {
  const others = sinceStart();
  console.log(`\nOther processes kept ${fmt(100 * others)}% of the machine's CPU busy during this benchmark${others > 0.05 ? ' (wall-clock figures are inflated)' : ''}.`);
  for (const c of checks) console.log(`${c.met ? 'MET    ' : 'NOT MET'} ${c.name}: ${fmt(c.value, c.unit === 'x' ? 3 : 0)} ${c.unit} (target ${c.target})`);
  console.log(`BENCH-SUMMARY ${JSON.stringify({ benchmark, checks, others })}`);
}
