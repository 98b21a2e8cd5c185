// The cost of rowOrder: 'arquero' (Arquero's row order kept by a hidden row ordinal and a final sort): the same
// pipelines in two sessions of one process, with and without the option, runs interleaved; median wall-clock
// and process CPU, and their ratio.
//     node dist/bench/row-order.js [--quick] [--parallelism N]
import * as ff from 'flinkframe';
import { fmt, median, othersLoad, printTable, quick, sessionOptions, timed } from './measure.js';
import { random } from './seeded-random.js';

const n = quick ? 100_000 : 1_000_000;
const runs = quick ? 3 : 7;
const next = random(7);
const columns = {
  id: Int32Array.from({ length: n }, (_, i) => i),
  kind: Array.from({ length: n }, () => `k${Math.floor(next() * 50)}`),
  amount: Float64Array.from({ length: n }, () => next()),
};

const plain = ff.session(sessionOptions());
const ordered = ff.session({ ...sessionOptions(), rowOrder: 'arquero' });
const frames = { plain: plain.table(columns), ordered: ordered.table(columns) };
const other = { plain: plain.table({ kind: ['k1', 'k2', 'k3'], w: [1, 2, 3] }), ordered: ordered.table({ kind: ['k1', 'k2', 'k3'], w: [1, 2, 3] }) };

type Which = keyof typeof frames;
const pipelines: Record<string, (w: Which) => Promise<unknown>> = {
  'filter + derive + select, collect': (w) => frames[w].filter((d: any) => d.amount > 0.5).derive({ x: (d: any) => d.amount * 2 }).select('id', 'x').numRows(),
  'filter + derive + select, collect rows': (w) => frames[w].filter((d: any) => d.amount > 0.5).derive({ x: (d: any) => d.amount * 2 }).select('id', 'x').collect(),
  'groupby + rollup': (w) => frames[w].groupby('kind').rollup({ s: ff.op.sum('amount') }).collect(),
  'concat of two': (w) => frames[w].concat(frames[w]).filter((d: any) => d.amount < 0.1).collect(),
  'join (small right)': (w) => frames[w].filter((d: any) => d.amount < 0.2).join(other[w], 'kind').collect(),
};

const load = othersLoad();
const rows: (string | number)[][] = [];
for (const [name, run] of Object.entries(pipelines)) {
  await run('plain'); // warm-up
  await run('ordered');
  const ms: Record<Which, number[]> = { plain: [], ordered: [] };
  const cpu: Record<Which, number[]> = { plain: [], ordered: [] };
  for (let i = 0; i < runs; i++) {
    for (const w of ['plain', 'ordered'] as const) {
      const t = await timed(() => run(w));
      ms[w].push(t.ms);
      cpu[w].push(t.cpu);
    }
  }
  const [a, b] = [median(ms.plain), median(ms.ordered)];
  rows.push([name, fmt(a), fmt(b), fmt(b / a, 2), fmt(median(cpu.ordered) / median(cpu.plain), 2)]);
}
await plain.close();
await ordered.close();
console.log(`rowOrder: 'arquero' against the default, ${n} rows, median of ${runs} interleaved runs`);
printTable(['pipeline', 'default ms', "rowOrder 'arquero' ms", 'time ratio', 'CPU ratio'], rows);
console.log(`(other processes kept ${fmt(100 * load())}% of the machine busy meanwhile)`);
