/**
 * JavaScript UDFs: `udf(fn, { returns })` (called once per row with JS values) and
 * `udf(fn, { returns, vectorized: true })` (called once per Arrow batch with a typed array or Arrow vector per
 * argument; returns an array or typed array of the same length). Registered with addFunction, they are
 * `op.name(...)` in derive and filter; they run in Node worker processes fed with Arrow batches by a Flink
 * operator (java/.../udf/JsUdfOperator.java).
 */
import { FlinkFrameError } from '../errors.js';
import { resultTypeKey, SUPPORTED_RESULT_TYPES } from '../runtime/udf-result.js';
import type { UdfModuleRef } from '../runtime/udf-spec.js';
import { exportingModule } from './udf-module.js';
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
  /** A partial batch leaves once its first row has waited this long (default: the session's batchTimeoutMs, 1000). */
  batchTimeoutMs?: number;
  /**
   * The module (path or file: URL, e.g. import.meta.url) that exports the function: it is bundled with its imports
   * and shipped. Found by itself for an exported function that reads names of its module; give it to be explicit.
   */
  module?: string | URL;
  /** The module's export holding the function (default: the function's name). */
  export?: string;
}

export const DEFAULT_BATCH_SIZE = 10_000;

export class Udf {
  readonly source: string;
  readonly returns: string;
  readonly vectorized: boolean;
  readonly params: Record<string, unknown>;
  readonly batchSize: number;
  readonly pipeline: boolean;
  readonly batchTimeoutMs?: number;
  /** Set when the function travels as its module, bundled (udf-module.ts), rather than as its source alone. */
  readonly module?: UdfModuleRef;

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
    if (free.length || options.module !== undefined) this.module = exportingModule(fn, options);
    if (options.module !== undefined && !this.module) {
      throw new FlinkFrameError(`${what}: module: ${String(options.module)} does not export "${options.export ?? fn.name}"; export the function from it, or give its export name with { export: 'name' }.`);
    }
    if (free.length && !this.module) {
      const list = free.map((n) => `"${n}"`).join(', ');
      throw new FlinkFrameError(
        `${what}: the function reads ${list}, which ${free.length > 1 ? 'are' : 'is'} not an argument, a local or a JS global. ` +
          'UDFs run in worker processes, not in this one, so closures are not available: pass the value with ' +
          `udf(fn, { returns: '${options.returns}', params: { ${free.map((n) => `${n}: ...`).join(', ')} } }) and read it by the same name, ` +
          `or export the function from a module of its own (it is then bundled with its imports and shipped). Source: ${this.source}`,
      );
    }
    this.returns = options.returns;
    this.vectorized = !!options.vectorized;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.pipeline = options.pipeline ?? true;
    if (options.batchTimeoutMs !== undefined && !(Number.isInteger(options.batchTimeoutMs) && options.batchTimeoutMs >= 0)) {
      throw new FlinkFrameError(`${what}: batchTimeoutMs must be a whole number of milliseconds ≥ 0 (0: batches leave only when full), got ${options.batchTimeoutMs}.`);
    }
    this.batchTimeoutMs = options.batchTimeoutMs;
  }
}

export function udf(fn: Function, options: UdfOptions): Udf {
  return new Udf(fn, options);
}
