// Memory of a session that reads many in-memory tables one after another (a notebook re-running a cell, a loop
// over chunks): each table is made, read by one job and dropped. Prints the memory Node holds for JS values after
// each table (JS heap and array buffers, after a full collection), and its growth against the figure after the
// first table, in the same run. Before tables were released (docs/benchmarks.md), it grew by each table's size.
//     node dist/bench/released-tables.js [--tables N] [--rows N]
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as ff from 'flinkframe';
import { check, fmt, mb, median, printSummary, printTable, sessionOptions } from './measure.js';
import { sampleColumns } from './sample-columns.js';

const arg = (flag: string, fallback: number) => Number(process.argv[process.argv.indexOf(flag) + 1] ?? fallback) || fallback;
const tables = Math.max(2, arg('--tables', 10));
const rows = arg('--rows', 2_000_000);
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const session = ff.session(sessionOptions());
/** JS heap and array buffers once releases had their turn: collections and turns for the finalizers they wait on. */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

const heaps: number[] = [];
const out: (string | number)[][] = [];
for (let i = 0; i < tables; i++) {
  const n = await session.table(sampleColumns(rows)).filter((d: any) => d.x > 500).numRows();
  heaps.push(await settledHeap());
  out.push([i + 1, fmt(n), fmt(mb(heaps[i]!)), fmt(mb(heaps[i]! - heaps[0]!))]);
}
await session.close();
printTable(['table', 'rows kept by the job', 'JS heap + array buffers after it (MB)', 'growth since the first (MB)'], out);
// the growth from the first half of the tables to the second, per table (medians: the pools of buffers that
// reads reuse make single figures jump by tens of MB)
const half = Math.floor(tables / 2);
const perTable = (median(heaps.slice(tables - half)) - median(heaps.slice(0, half))) / (tables - half);
console.log(`\n${tables} tables of ${rows} rows (x, y, k, s): memory growth per table ${fmt(mb(perTable), 1)} MB (median of the last ${half} − median of the first ${half}, per table between)`);
printSummary('released-tables', [check('memory growth per table read and dropped', mb(perTable), 'MB', '<=', 5)]);
