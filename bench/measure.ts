// Small helpers the benchmarks share: timing, order statistics, table printing, the summary line run-all reads.

export const quick = process.argv.includes('--quick');

/** Milliseconds spent in fn (and its result). */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
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

/** The last line of a benchmark: one JSON object that bench/run-all.ts reads back. */
export function printSummary(benchmark: string, checks: Check[]): void {
  console.log('');
  for (const c of checks) console.log(`${c.met ? 'MET    ' : 'NOT MET'} ${c.name}: ${fmt(c.value, c.unit === 'x' ? 3 : 0)} ${c.unit} (target ${c.target})`);
  console.log(`BENCH-SUMMARY ${JSON.stringify({ benchmark, checks })}`);
}
