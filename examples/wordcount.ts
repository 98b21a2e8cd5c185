// The seed's first job: read a text file, split it into words, count them, print and write the counts.
// Run it with `npm run demo` (on the embedded Flink mini-cluster).
import * as ff from 'flinkframe';

const { op, desc } = ff;
const input = process.argv[2] ?? 'data/words.txt';
const output = process.argv[3] ?? 'out/wordcount.csv';

const counts = ff
  .loadText(input)
  .derive({ word: (d) => op.split(op.lower(d.line), ' ') })
  .unroll('word')
  .filter((d) => d.word !== '')
  .groupby('word')
  .count()
  .orderby(desc('count'), 'word');

await counts.print();
await counts.writeCSV(output);
console.log(`wrote ${output}`);
await ff.close();
