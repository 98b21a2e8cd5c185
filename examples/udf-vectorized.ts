/**
 * The seed's vectorized UDF demo: the function is called once per Arrow batch with a typed array per
 * argument (BigInt64Array for BIGINT) and returns an array of the same length. Prints a = 1, b = 2, sum = 3.
 *
 *   node dist/examples/udf-vectorized.js
 */
import * as ff from '../src/index.js';

// lambdas are shipped as text: `op.add` names the registered UDF, it is never called here
const { op } = ff as unknown as { op: Record<string, (...args: unknown[]) => unknown> };

const add = ff.udf((i: BigInt64Array, j: BigInt64Array) => i.map((x, k) => x + j[k]!), { returns: 'BIGINT', vectorized: true });
ff.addFunction('add', add);

const t = ff.table({ a: [1], b: [2] }, undefined, { types: { a: 'BIGINT', b: 'BIGINT' } });
await t.derive({ sum: (d: any) => op.add(d.a, d.b) }).print();
await ff.close();
