/**
 * The seed's first UDF demo: a JavaScript function adds two BIGINT columns, row by row, in a Node worker
 * fed with Arrow batches by Flink. Prints a = 1, b = 2, sum = 3.
 *
 *   node dist/examples/udf-add.js
 */
import * as ff from '../src/index.js';

// lambdas are shipped as text: `op.add` names the registered UDF, it is never called here
const { op } = ff as unknown as { op: Record<string, (...args: unknown[]) => unknown> };

const add = ff.udf((i: number, j: number) => i + j, { returns: 'BIGINT' });
ff.addFunction('add', add);

const t = ff.table({ a: [1], b: [2] }, undefined, { types: { a: 'BIGINT', b: 'BIGINT' } });
await t.derive({ sum: (d: any) => op.add(d.a, d.b) }).print();
await ff.close();
