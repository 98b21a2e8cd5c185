import { FlinkFrameError } from '../errors.js';
import { Udf, type UdfDefinition, type UdfOptions } from './udf.js';

/** A UDF's name must be usable as `op.name(...)` in a lambda. */
export function checkFunctionName(name: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    throw new FlinkFrameError(`addFunction: ${JSON.stringify(name)} is not a valid function name; use a JavaScript identifier such as "add".`);
  }
  return name;
}

/** addFunction(name, udf(...)), or Arquero's form addFunction(name, fn) with the options beside it. */
export function toUdf(name: string, fn: Udf | UdfDefinition, options?: UdfOptions): Udf {
  if (fn instanceof Udf) return fn;
  if ((typeof fn === 'function' || (fn && typeof fn === 'object')) && options) return new Udf(fn, options);
  throw new FlinkFrameError(
    `addFunction("${name}", ...): pass a UDF made with udf(fn, { returns: 'BIGINT' }) (flinkframe needs the result type), ` +
      `or addFunction("${name}", fn, { returns: 'BIGINT' }).`,
  );
}
