/**
 * Danfo's apply and map take a JS function and no result type. Here the function becomes a flinkframe UDF
 * (src/frame/udf.ts), registered in the frame's session under a fresh name, so the expression can call it as
 * `op.<name>(...)` and it runs in the Node UDF workers over Arrow batches.
 */
import { FlinkFrameError } from '../errors.js';
import type { Table } from '../frame/table.js';
import { udf } from '../frame/udf.js';
import { SUPPORTED_RESULT_TYPES, resultTypeKey } from '../runtime/udf-result.js';

export interface ApplyOptions {
  /** The Flink SQL type of the function's result (default: the input's type for a Series, DOUBLE for rows). */
  returns?: string;
  /** Values the function reads by name: closures do not travel to the workers, params do. */
  params?: Record<string, unknown>;
}

let calls = 0;

/** Registers fn and returns the name to call it by in an expression. */
export function registerUdf(table: Table, fn: Function, returns: string, params: Record<string, unknown> | undefined, where: string): string {
  if (typeof fn !== 'function') throw new FlinkFrameError(`${where}: pass a function (or, for map, an object of value → new value).`);
  if (!resultTypeKey(returns)) {
    throw new FlinkFrameError(`${where}: the result type ${returns} cannot come from a JavaScript function; give { returns } as one of ${SUPPORTED_RESULT_TYPES.join(', ')}.`);
  }
  const name = `danfo_${where.replace(/\W/g, '')}_${++calls}`;
  table.state.session.addFunction(name, udf(fn, { returns, params }));
  return name;
}

/**
 * Danfo's DataFrame.apply(fn, { axis: 1 }) calls fn with the row's values as one array. A UDF gets one argument
 * per column, so the function travels inside a wrapper that gathers them (its own source text is kept, so
 * udf() still refuses closures over it).
 */
export function rowFunction(fn: Function, where: string): Function {
  if (typeof fn !== 'function') throw new FlinkFrameError(`${where}: pass a function of the row's values (an array).`);
  const source = fn.toString();
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) throw new FlinkFrameError(`${where}: a built-in function has no source to ship; wrap it: (row) => Math.max(...row).`);
  return new Function(`return (...values) => (${source})(values);`)() as Function;
}
