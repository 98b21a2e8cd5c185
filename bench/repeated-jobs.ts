// One process's loop of the same job over an in-memory source (6M rows of doubles, ints and strings; sums of
// every column), run by bench/jvm-collector.ts and bench/reused-code.ts under different JVM options. Prints one
// JSON line: ms per job after the warm-up, and process CPU ms per job.
//     node dist/bench/repeated-jobs.js [--quick] [--rows N]
import * as ff from 'flinkframe';
import { quick } from './measure.js';
import { sampleColumns } from './sample-columns.js';

export interface RepeatedJobs {
  jobs: number;
  msPerJob: number;
  cpuMsPerJob: number;
}

const rowsArg = process.argv.indexOf('--rows');
const rows = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : quick ? 1_000_000 : 6_000_000;
const seconds = quick ? 4 : 10;
const { x, k, s } = sampleColumns(rows);
const session = ff.session();
session.register('src', session.table({ x, k, s }));
const query = 'SELECT SUM(x) AS sx, SUM(CAST(k AS BIGINT)) AS sk, SUM(CHAR_LENGTH(s)) AS sl, COUNT(*) AS n FROM src';
for (let i = 0; i < 3; i++) await session.sql(query).objects();
const [start, cpuStart] = [performance.now(), process.cpuUsage()];
let jobs = 0;
while (performance.now() - start < seconds * 1000) {
  await session.sql(query).objects();
  jobs++;
}
const cpu = process.cpuUsage(cpuStart);
const figures: RepeatedJobs = { jobs, msPerJob: (performance.now() - start) / jobs, cpuMsPerJob: (cpu.user + cpu.system) / 1000 / jobs };
console.log(JSON.stringify(figures));
await session.close();
