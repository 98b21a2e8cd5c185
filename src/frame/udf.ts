/**
 * JavaScript UDFs: `udf(fn, { returns })` (called once per row with JS values) and
 * `udf(fn, { returns, vectorized: true })` (called once per Arrow batch with a typed array or Arrow vector per
 * argument; returns an array or typed array of the same length). Registered with addFunction, they are
 * `op.name(...)` in derive and filter; they run in Node worker processes fed with Arrow batches by a Flink
 * operator (java/.../udf/JsUdfOperator.java).
 */
import { FlinkFrameError } from '../errors.js';
import { resultTypeKey, SUPPORTED_RESULT_TYPES } from '../runtime/udf-result.js';
import { freeVariables, functionSource } from './udf-source.js';

export interface UdfOptions {
  /** The Flink SQL type of the result: 'BIGINT', 'INT', 'DOUBLE', 'FLOAT', 'BOOLEAN', 'STRING', ... */
  returns: string;
  /** Called once per batch with one array per argument, instead of once per row. */
  vectorized?: boolean;
  /** Values the function reads by name (JSON): closures do not travel to the workers, these do. */
  params?: Record<string, unknown>;
  /** Rows per Arrow batch sent to a worker (default 10,000). */
  batchSize?: number;
  /** Buffer the next batch while the worker computes one (default true); false waits for each batch. */
  pipeline?: boolean;
}

export const DEFAULT_BATCH_SIZE = 10_000;

export class Udf {
  readonly source: string;
  readonly returns: string;
  readonly vectorized: boolean;
  readonly params: Record<string, unknown>;
  readonly batchSize: number;
  readonly pipeline: boolean;

  constructor(fn: Function, options: UdfOptions) {
    const what = `udf(${fn.name || 'function'})`;
    if (typeof fn !== 'function') throw new FlinkFrameError(`udf(): the first argument must be a function, not ${typeof fn}.`);
    if (!options || typeof options.returns !== 'string') {
      throw new FlinkFrameError(`${what}: give the result type as a Flink SQL type string: udf(fn, { returns: 'BIGINT' }).`);
    }
    if (!resultTypeKey(options.returns)) {
      throw new FlinkFrameError(`${what}: returns: '${options.returns}' is not a type JavaScript UDFs can return yet; use one of ${SUPPORTED_RESULT_TYPES.join(', ')}.`);
    }
    try {
      this.source = functionSource(fn);
    } catch (e) {
      throw new FlinkFrameError(`${what}: the function ${(e as Error).message}`);
    }
    this.params = JSON.parse(JSON.stringify(options.params ?? {})) as Record<string, unknown>;
    const free = freeVariables(this.source, this.params);
    if (free.length) {
      const list = free.map((n) => `"${n}"`).join(', ');
      throw new FlinkFrameError(
        `${what}: the function reads ${list}, which ${free.length > 1 ? 'are' : 'is'} not an argument, a local or a JS global. ` +
          'UDFs run in worker processes, not in this one, so closures are not available: pass the value with ' +
          `udf(fn, { returns: '${options.returns}', params: { ${free.map((n) => `${n}: ...`).join(', ')} } }) and read it by the same name. Source: ${this.source}`,
      );
    }
    this.returns = options.returns;
    this.vectorized = !!options.vectorized;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.pipeline = options.pipeline ?? true;
  }
}

export function udf(fn: Function, options: UdfOptions): Udf {
  return new Udf(fn, options);
}
