/**
 * The seed's dependency demo: the same 1 + 2 = 3, by a UDF that uses a third-party npm package ('add', a
 * numerically stable sum) shipped with the job as a dependency, the way PyFlink ships Python requirements.
 * The UDF's function lives in a module (examples/lib/stable-sum.ts), which is bundled and shipped; the package
 * comes from a node_modules folder the session ships (here one holding only 'add'), not from this checkout.
 * Prints a = 1, b = 2, sum = 3 and where the worker resolved 'add' from.
 *
 *   node dist/examples/udf-npm-package.js
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as ff from '../src/index.js';
import { stableSum, whereIsAdd } from './lib/stable-sum.js';

// lambdas are shipped as text: `op.sum` names the registered UDF, it is never called here
const { op } = ff as unknown as { op: Record<string, (...args: unknown[]) => unknown> };

// the dependencies to ship: a node_modules folder with the package (a .tgz of one works too)
const deps = mkdtempSync(join(tmpdir(), 'udf-npm-package-'));
const installed = dirname(createRequire(import.meta.url).resolve('add/package.json'));
cpSync(installed, join(deps, 'node_modules', 'add'), { recursive: true });
ff.addNodeModules(join(deps, 'node_modules'));

ff.addFunction('sum', ff.udf(stableSum, { returns: 'DOUBLE' }));
ff.addFunction('whereIsAdd', ff.udf(whereIsAdd, { returns: 'STRING' }));

const t = ff.table({ a: [1], b: [2] }, undefined, { types: { a: 'BIGINT', b: 'BIGINT' } });
await t.derive({ sum: (d: any) => op.sum(d.a, d.b) }).print();
const [row] = await t.derive({ at: (d: any) => op.whereIsAdd(d.a) }).objects();
console.log(`'add' resolved by the worker from: ${row?.at}`);
await ff.close();
rmSync(deps, { recursive: true, force: true });
