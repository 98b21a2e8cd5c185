/**
 * The seed's SQL demo: a JavaScript UDF registered with addFunction is callable by name from sql().
 * Prints x = 1, 2, 3 with add1(x) = 2, 3, 4.
 *
 *   node dist/examples/udf-sql.js
 */
import * as ff from '../src/index.js';

ff.addFunction('add1', ff.udf((x: number) => x + 1, { returns: 'BIGINT' }));
ff.register('numbers', ff.table({ x: [1, 2, 3] }, undefined, { types: { x: 'BIGINT' } }));
await ff.sql('SELECT x, add1(x) AS y FROM numbers ORDER BY x').print();
await ff.close();
