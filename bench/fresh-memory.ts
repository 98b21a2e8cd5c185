// What the machine charges for memory the data plane touches for the first time, with no Flink and no
// flinkframe code: 400 MB written to a new file (into new page-cache pages) and read back into a new Buffer,
// 8 times. Every collected result is such a file and a Buffer (in-memory sources were such files too, until they
// were served from Node), so when these times spread widely, so do the data-plane figures (docs/benchmarks.md: on
// a VM whose host backs guest memory only when first touched, a write took 83 ms with recently freed pages and up
// to 1.1 s without).
//     node dist/bench/fresh-memory.js [--quick]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median, printTable, quick } from './measure.js';

const megabytes = quick ? 100 : 400;
const runs = 8;
const dir = mkdtempSync(join(tmpdir(), 'flinkframe-bench-'));
const bytes = Buffer.alloc(megabytes * 1e6, 7);
const writes: number[] = [];
const reads: number[] = [];
for (let i = 0; i < runs; i++) {
  const file = join(dir, `data-${i}`);
  let start = performance.now();
  writeFileSync(file, bytes);
  writes.push(performance.now() - start);
  start = performance.now();
  readFileSync(file);
  reads.push(performance.now() - start);
  // half the files stay, so the page cache keeps growing
  if (i % 2) rmSync(file);
}
rmSync(dir, { recursive: true, force: true });

const row = (label: string, ms: number[]) =>
  [label, fmt(Math.min(...ms)), fmt(median(ms)), fmt(Math.max(...ms)), fmt(megabytes / (median(ms) / 1000)), fmt(Math.max(...ms) / Math.min(...ms), 1)];
console.log(`fresh memory: ${megabytes} MB, ${runs} times; each time a new file (${tmpdir()}), and a new Buffer read from it`);
printTable(['step', 'min ms', 'median ms', 'max ms', 'MB/s (median)', 'max / min'], [
  row(`write ${megabytes} MB to a new file`, writes),
  row('read it back into a new Buffer', reads),
]);
console.log(writes.map((ms) => fmt(ms)).join(' '), '(the writes, in order)');
