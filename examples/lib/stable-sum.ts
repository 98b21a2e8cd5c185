/**
 * UDF functions defined in a module of their own, using a third-party npm package ('add'): flinkframe bundles this
 * module and ships it to the workers; 'add' is imported from the node_modules the session ships.
 */
import { createRequire } from 'node:module';
import add from 'add';

export function stableSum(a: number, b: number): number {
  return add([a, b]);
}

/** Where the worker's Node found the package (that is: in what the job shipped). */
export function whereIsAdd(_x: number): string {
  return createRequire(import.meta.url).resolve('add');
}
