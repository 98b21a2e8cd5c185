// How fast an in-memory table's string columns become Arrow UTF-8 (the Node half of every job that reads the
// table), against the Arrow libraries' own builders encoding the same strings in the same process: flechette's
// columnFromArray and apache-arrow's vectorFromArray. Four kinds of column: short ASCII (the data-plane column),
// long ASCII text, short strings with some non-ASCII, and words in Cyrillic and CJK.
//     node dist/bench/string-encoding.js [--quick]
import { vectorFromArray, Utf8 } from 'apache-arrow';
import * as flechette from '@uwdata/flechette';
import { columnsEncoder } from '../src/runtime/arrow-encode.js';
import { fmt, mb, median, printTable, quick } from './measure.js';
import { random } from './seeded-random.js';

const scale = quick ? 0.1 : 1;
const next = random(11);
const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
const words = ['data', 'frame', 'stream', 'window', 'join', 'river', 'table', 'column'];
const foreign = ['данные', 'поток', 'таблица', '数据流', '窗口函数', '表格', 'naïve', 'Zoë'];

const columns: [string, string[]][] = [
  ['short ASCII, 10 chars (the data-plane column)', Array.from({ length: 2_900_000 * scale }, (_, i) => `item-${String(i % 100_000).padStart(5, '0')}`)],
  ['ASCII text, ~200 chars', Array.from({ length: 300_000 * scale }, () => Array.from({ length: 30 }, () => pick(words)).join(' '))],
  ['short, 1 in 10 with an accent', Array.from({ length: 2_900_000 * scale }, (_, i) => (i % 10 ? `item-${i % 100_000}` : `café-${i % 1000}`))],
  ['Cyrillic and CJK words', Array.from({ length: 1_000_000 * scale }, () => `${pick(foreign)} ${pick(foreign)}`)],
];

/** Median ms of 5 runs after one warm-up. */
function time(fn: () => unknown): number {
  fn();
  return median([0, 1, 2, 3, 4].map(() => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  }));
}

const rows: (string | number)[][] = [];
for (const [name, values] of columns) {
  const bytes = 4 * (values.length + 1) + Buffer.byteLength(values.join(''), 'utf8');
  const encoder = columnsEncoder([['s', values]]);
  const ours = time(() => {
    for (const pieces of encoder.messages()) for (const p of pieces) if (p.byteLength < 0) throw new Error('unreachable');
  });
  const viaFlechette = time(() => flechette.columnFromArray(values, flechette.utf8(), { maxBatchRows: 1 << 16 }));
  const viaArrow = time(() => vectorFromArray(values, new Utf8()));
  const rate = (ms: number) => fmt(mb(bytes) / (ms / 1000));
  rows.push([name, `${fmt(values.length / 1e6, 1)}M, ${fmt(mb(bytes))} MB`, `${fmt(ours)} (${rate(ours)})`, `${fmt(viaFlechette)} (${rate(viaFlechette)})`,
    `${fmt(viaArrow)} (${rate(viaArrow)})`, fmt(ours / viaFlechette, 2), fmt(ours / viaArrow, 2)]);
}
printTable(['column', 'values, Arrow bytes', 'flinkframe ms (MB/s)', 'flechette ms (MB/s)', 'apache-arrow ms (MB/s)', 'time ÷ flechette', 'time ÷ apache-arrow'], rows);
