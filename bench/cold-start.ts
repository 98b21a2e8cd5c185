// One cold start, run in a fresh process by bench/latency.ts: from the first use of ff.session() to the first
// result of a small query. Prints one JSON line of phase times (ms).
const start = performance.now(); // ms since this process began
const ff = await import('flinkframe');
const { sessionOptions } = await import('./measure.js');
const imported = performance.now();

const session = ff.session(sessionOptions()); // the same --parallelism / --config as bench/latency.ts
const events = session.table({ g: ['a', 'b', 'a', 'c', 'b', 'a'], v: [1, 2, 3, 4, 5, 6] });
session.engine; // starts the JVM, the mini-cluster and the TableEnvironment (what the first verb would do)
const engine = performance.now();
const rows = await events.filter((d) => d.v > 1).groupby('g').count().objects();
const result = performance.now();
if (rows.length !== 3) throw new Error(`cold start: expected 3 groups, got ${JSON.stringify(rows)}`);
await session.close();

console.log(JSON.stringify({
  nodeStart: start,
  import: imported - start,
  engine: engine - imported,
  firstQuery: result - engine,
  sessionToResult: result - imported,
  processToResult: result,
}));
