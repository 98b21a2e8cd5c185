// (b) Data plane throughput in MB/s, each way, at two sizes:
//     source:  session.table({...}) → a Flink job that reads every column (sums) → 1 row back; end to end is
//              table() + register + the first such job (Node encodes the columns while Flink reads them);
//     collect: the same columns read back whole, with collect() (Arquero) and toArrow() (apache-arrow).
//     Baselines in the same run: for the source, the same sums job over a 1-row table of the same columns (its fixed
//     cost: planning, code generation, scheduling, a 1-row result) and over Arrow IPC files of the same rows written
//     beforehand; for collect the same query with a filter that keeps no row (same reads, empty result), so collect
//     net = result MB / (collect − empty query).
//     node dist/bench/data-plane.js [--quick] [--parallelism N] [--config key=value]
import * as aq from 'arquero';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import * as ff from 'flinkframe';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { columnsEncoder } from '../src/runtime/arrow-encode.js';
import { createTableDdl } from '../src/runtime/ddl.js';
import { check, fmt, mb, median, printSummary, printTable, quick, sessionOptions, timed, type Check } from './measure.js';
import { arrowBytes, BYTES_PER_ROW, sampleColumns } from './sample-columns.js';

const sizesMB = quick ? [25] : [100, 400];
const reps = quick ? 2 : 5;
const collectReps = quick ? 2 : 6; // an even number: each read comes first after the baseline as often as second

const SUMS = (src: string) => `SELECT SUM(x) AS sx, SUM(y) AS sy, SUM(CAST(k AS BIGINT)) AS sk, SUM(CHAR_LENGTH(s)) AS sl, COUNT(*) AS n FROM ${src}`;
const ALL = (src: string) => `SELECT * FROM ${src}`;
const NONE = (src: string) => `SELECT * FROM ${src} WHERE x < 0`; // x is never negative: the same reads, no row out

const session = ff.session(sessionOptions());
console.log(`data plane: sizes ${sizesMB.join(', ')} MB, ${reps} runs each, session options ${JSON.stringify(sessionOptions())}, parallelism ${session.engine.parallelism}`);

// Warm-up, on a small source, of every kind of job measured below: the JVM compiles the planner's and Flink's
// code over the first dozens of jobs (its compiler threads then take a quarter of the CPU); the first job of
// each size is still the measured one for the source.
session.register('tiny', session.table({ a: [1] }));
session.register('single', session.table(sampleColumns(1)));
session.register('warm', session.table(sampleColumns(750_000)));
for (let i = 0; i < 3; i++) {
  await session.sql('SELECT SUM(a) AS a FROM tiny').objects();
  await session.sql(SUMS('single')).objects();
  await session.sql(SUMS('warm')).objects();
  await session.sql(NONE('warm')).objects();
  await session.sql(ALL('warm')).toArrow();
  await session.sql(ALL('warm')).collect();
}

// The fixed cost of the sums job: plan it, generate its code, schedule, write and read a 1-row result, over a 1-row
// table of the same columns. A smaller query (SUM(a) over 1 row) costs ~50 ms less: planning and generating the
// sums job's 5 aggregates is not moving data, and charging it to the data plane would understate it (it was, up
// to 2026-12-07: docs/benchmarks.md).
const [smallest, fixed]: number[][] = [[], []];
for (let i = 0; i < 5; i++) {
  smallest.push((await timed(() => session.sql('SELECT SUM(a) AS a FROM tiny').objects())).ms);
  fixed.push((await timed(() => session.sql(SUMS('single')).objects())).ms);
}
const overhead = median(fixed);
console.log(`fixed overhead: the sums job over a 1-row table ${fmt(overhead)} ms; SUM(a) over 1 row ${fmt(median(smallest))} ms (medians of 5, after the warm-up)\n`);

/** A query run 1 + reps times: its first run, and the median ms of the later ones. */
async function firstAndLater(query: string): Promise<{ first: { ms: number; cpu: number }; later: number }> {
  const runs: { ms: number; cpu: number }[] = [];
  for (let r = 0; r <= reps; r++) runs.push(await timed(() => session.sql(query).objects()));
  return { first: runs[0]!, later: median(runs.slice(1).map((t) => t.ms)) };
}

const rowsOut: (string | number)[][] = [];
const checks: Check[] = [];
for (const [i, sizeMB] of sizesMB.entries()) {
  const rows = Math.round((sizeMB * 1e6) / BYTES_PER_ROW);
  const cols = sampleColumns(rows);
  const sourceMB = mb(arrowBytes(cols));
  const src = `src${i}`;
  const name = `${fmt(sourceMB)} MB (${(rows / 1e6).toFixed(1)}M rows)`;

  // source: table() checks and types the columns; every job that reads them has Node encode the Arrow stream
  // and send it to Flink's readers while they read
  const encode = await timed(() => session.table(cols));
  const handOff = await timed(() => session.register(src, encode.value));
  const { first, later: job } = await firstAndLater(SUMS(src)); // encoded again for each job
  // a job that reads one column of the four: Node encodes and sends only that one (x, 8 of the 34 bytes a row)
  const oneColumnJob = (await firstAndLater(`SELECT SUM(x) AS sx FROM ${src}`)).later;
  // what moving the data costs: table() + register + the first job, less the same job's fixed cost
  const sourceMs = encode.ms + handOff.ms + first.ms - overhead;

  // baseline in the same run: the same sums job over the same rows in Arrow IPC files written beforehand (one per
  // task, as the source has splits), read by the same Flink format: what reading the table costs Flink when Node
  // has no part in it
  const fileDir = mkdtempSync(join(tmpdir(), 'ff-bench-arrow-'));
  const encoder = columnsEncoder(Object.entries(cols));
  const files = session.engine.parallelism;
  const fileWrite = await timed(() => {
    for (let f = 0; f < files; f++) {
      const pieces = [...encoder.messages((b) => b % files === f)].flat();
      writeFileSync(join(fileDir, `part-${f}.arrows`), Buffer.concat(pieces));
    }
  });
  const fileTable = `file${i}`;
  session.engine.execute(createTableDdl(fileTable, encoder.schema, { connector: 'filesystem', path: session.engine.fileUri(fileDir), format: 'flinkframe-arrow' }));
  const fileRead = (await firstAndLater(SUMS(fileTable))).later - overhead;
  rmSync(fileDir, { recursive: true });

  // the overlapped path again on a fresh table of the same columns, now that the baseline ran after the first
  // one: the first big job of a size also warms the JVM's heap and JIT, which would favour whatever runs second
  const again = `again${i}`;
  const againStart = performance.now();
  session.register(again, session.table(cols));
  await session.sql(SUMS(again)).objects();
  const sourceAgainMs = performance.now() - againStart - overhead;

  // collect: the same columns back to Node, whole; the same query keeping no row is the baseline. Each result is
  // kept until the next of its kind replaces it, as `t = await q.toArrow()` run again in a notebook would. Which of
  // the two reads comes first after the baseline alternates: the first was often the slower one, whichever it was
  // (docs/benchmarks.md), and a fixed order would charge one of them for its position.
  const arrows: number[] = [], arqueros: number[] = [], nones: number[] = [];
  const kept: { arrow?: unknown; arquero?: unknown } = {};
  const readArrow = async () => {
    const read = await timed(() => session.sql(ALL(src)).toArrow());
    arrows.push(read.ms);
    kept.arrow = read.value;
  };
  const readArquero = async () => {
    const read = await timed(() => session.sql(ALL(src)).collect());
    arqueros.push(read.ms);
    kept.arquero = read.value;
  };
  for (let r = 0; r < collectReps; r++) {
    nones.push((await timed(() => session.sql(NONE(src)).objects())).ms);
    for (const read of r % 2 ? [readArquero, readArrow] : [readArrow, readArquero]) await read();
  }
  delete kept.arrow;
  delete kept.arquero;
  const ipc = tableToIPC(await session.sql(ALL(src)).toArrow(), 'stream'); // also decoded below
  const resultMB = mb(ipc.byteLength);
  const [toArrowMs, collectMs, none] = [median(arrows), median(arqueros), median(nones)];
  const spread = (ms: number[]) => `${fmt(Math.min(...ms))}-${fmt(Math.max(...ms))} ms`;

  // Node's part of collecting: decoding Arrow IPC bytes of the result's size
  const decode = (fn: () => unknown) => median([0, 1, 2].map(() => { const t = performance.now(); fn(); return performance.now() - t; }));
  const [decodeArrow, decodeArquero] = [decode(() => tableFromIPC(ipc)), decode(() => aq.fromArrow(ipc))];

  const rate = (megabytes: number, ms: number) => fmt(megabytes / (ms / 1000));
  rowsOut.push(
    [name, 'source: table() (checks and types the columns)', fmt(encode.ms), rate(sourceMB, encode.ms)],
    [name, 'source: register (stand-in files naming the splits + DDL)', fmt(handOff.ms), rate(sourceMB, handOff.ms)],
    [name, `source: first sums job (Node encodes the columns while Flink reads them), process CPU ${fmt(first.cpu)} ms`, fmt(first.ms), rate(sourceMB, first.ms)],
    [name, `source: later sums jobs (encoded again, while read), median of the next ${reps}`, fmt(job), rate(sourceMB, job)],
    [name, '**source, a later job** (a later sums job − the sums job over 1 row)', fmt(job - overhead), rate(sourceMB, job - overhead)],
    [name, `source: a later job reading x only, SUM(x) (Node sends 8 of the 34 bytes a row), median of ${reps}`, fmt(oneColumnJob), '-'],
    [name, 'source end to end, first table of this size (table() + register + first job − the sums job over 1 row)', fmt(sourceMs), rate(sourceMB, sourceMs)],
    [name, `baseline: the sums job over Arrow IPC files of the same rows written beforehand (writing them took ${fmt(fileWrite.ms)} ms), median of ${reps} − the sums job over 1 row`, fmt(fileRead), rate(sourceMB, fileRead)],
    [name, '**source end to end** (the same, on a fresh table after the baseline)', fmt(sourceAgainMs), rate(sourceMB, sourceAgainMs)],
    [name, '**end to end / the files baseline** (time ratio; below 1: faster than Flink reading a prepared file)', fmt(sourceAgainMs / fileRead, 2), '-'],
    [name, `collect: toArrow(), ${fmt(resultMB)} MB result, median of ${collectReps} (${spread(arrows)})`, fmt(toArrowMs), rate(resultMB, toArrowMs)],
    [name, `collect: collect() (Arquero), median of ${collectReps} (${spread(arqueros)})`, fmt(collectMs), rate(resultMB, collectMs)],
    [name, `collect baseline: the same query keeping no row, median of ${collectReps} (${spread(nones)})`, fmt(none), '-'],
    [name, '**toArrow net** (toArrow − baseline)', fmt(toArrowMs - none), rate(resultMB, toArrowMs - none)],
    [name, '**collect net** (collect − baseline)', fmt(collectMs - none), rate(resultMB, collectMs - none)],
    [name, 'of which Node decodes IPC: tableFromIPC / aq.fromArrow', `${fmt(decodeArrow, 1)} / ${fmt(decodeArquero, 1)}`, '-'],
  );
  checks.push(
    check(`source end to end, ${fmt(sourceMB)} MB`, sourceMB / (sourceAgainMs / 1000), 'MB/s', '>=', 300),
    check(`source, a later job, ${fmt(sourceMB)} MB`, sourceMB / ((job - overhead) / 1000), 'MB/s', '>=', 300),
    check(`toArrow() net, ${fmt(resultMB)} MB`, resultMB / ((toArrowMs - none) / 1000), 'MB/s', '>=', 300),
    check(`collect() net, ${fmt(resultMB)} MB`, resultMB / ((collectMs - none) / 1000), 'MB/s', '>=', 300),
  );
  console.log(`${name}: done (${i + 1}/${sizesMB.length})`);
}

console.log('');
printTable(['size', 'step', 'ms', 'MB/s'], rowsOut);
await session.close();
printSummary('data-plane', checks);
