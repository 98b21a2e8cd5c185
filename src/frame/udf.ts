/**
 * JavaScript UDFs: `udf(fn, { returns })` (called once per row with JS values) and
 * `udf(fn, { returns, vectorized: true })` (called once per Arrow batch with a typed array or Arrow vector per
 * argument; returns an array or typed array of the same length). Registered with addFunction, they are
 * `op.name(...)` in derive and filter; they run in Node worker processes fed with Arrow batches by a Flink
 * operator (java/.../udf/JsUdfOperator.java). `{ aggregate: true }` makes a rollup aggregate: called once per
 * group with the group's columns. Instead of a function, an object or class with eval and open(ctx) / close().
 */
import { FlinkFrameError } from '../errors.js';
import { resultTypeKey, SUPPORTED_RESULT_TYPES } from '../runtime/udf-result.js';
import type { BoundArg, UdfForm, UdfModuleRef, UdfWorkerSpec } from '../runtime/udf-spec.js';
import { exportingModule } from './udf-module.js';
import { workerSpec } from './udf-stages.js';
import { workerBundle } from '../runtime/udf-bundle.js';
import { parameterNames, udfShape } from './udf-forms.js';
import { freeVariables, functionSource } from './udf-source.js';

export interface UdfOptions {
  /** The Flink SQL type of the result: 'BIGINT', 'INT', 'DOUBLE', 'FLOAT', 'BOOLEAN', 'STRING', ... */
  returns: string;
  /** Called once per batch with one array per argument, instead of once per row. */
  vectorized?: boolean;
  /** An aggregate for rollup: called once per group with one array per argument, returns one value. */
  aggregate?: boolean;
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

/** A JavaScript object, class or function written for udf(): see udf-forms.ts. */
export type UdfDefinition = Function | { eval: Function; open?: Function; close?: Function; [member: string]: unknown };

export class Udf {
  readonly source: string;
  readonly form: UdfForm;
  readonly returns: string;
  readonly vectorized: boolean;
  readonly aggregate: boolean;
  readonly params: Record<string, unknown>;
  readonly batchSize: number;
  readonly pipeline: boolean;
  readonly batchTimeoutMs?: number;
  /** Set when the function travels as its module, bundled (udf-module.ts), rather than as its source alone. */
  readonly module?: UdfModuleRef;
  /** Arguments bound in advance, by parameter position. */
  readonly bound: readonly BoundArg[] = [];
  /** The eval function's parameter names (undefined where a parameter is destructured). */
  readonly parameters: readonly (string | undefined)[];
  private readonly title: string;

  constructor(fn: UdfDefinition, options: UdfOptions) {
    const what = (this.title = `udf(${(typeof fn === 'function' && fn.name) || 'function'})`);
    if (!options || typeof options.returns !== 'string') {
      throw new FlinkFrameError(`${what}: give the result type as a Flink SQL type string: udf(fn, { returns: 'BIGINT' }).`);
    }
    if (!resultTypeKey(options.returns)) {
      throw new FlinkFrameError(`${what}: returns: '${options.returns}' is not a type JavaScript UDFs can return yet; use one of ${SUPPORTED_RESULT_TYPES.join(', ')}.`);
    }
    if (options.aggregate && options.vectorized) {
      throw new FlinkFrameError(`${what}: an aggregate UDF already receives whole columns (one array per argument and group); drop vectorized: true.`);
    }
    let shape;
    try {
      shape = udfShape(fn);
    } catch (e) {
      throw new FlinkFrameError(`udf(): the ${typeof fn === 'object' ? 'object' : 'function'} ${(e as Error).message}`);
    }
    this.source = shape.source;
    this.form = shape.form;
    this.parameters = parameterNames(shape.evalSource);
    this.params = JSON.parse(JSON.stringify(options.params ?? {})) as Record<string, unknown>;
    const free = freeVariables(this.source, this.params);
    // only the function form travels as its module (an object or class travels as its source)
    if (typeof fn === 'function' && (free.length || options.module !== undefined)) this.module = exportingModule(fn, options);
    if (options.module !== undefined && !this.module) {
      const exported = options.export ?? (typeof fn === 'function' ? fn.name : '');
      throw new FlinkFrameError(`${what}: module: ${String(options.module)} does not export "${exported}" as a function; export the function from it, or give its export name with { export: 'name' }.`);
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
    this.aggregate = !!options.aggregate;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.pipeline = options.pipeline ?? true;
    if (options.batchTimeoutMs !== undefined && !(Number.isInteger(options.batchTimeoutMs) && options.batchTimeoutMs >= 0)) {
      throw new FlinkFrameError(`${what}: batchTimeoutMs must be a whole number of milliseconds ≥ 0 (0: batches leave only when full), got ${options.batchTimeoutMs}.`);
    }
    this.batchTimeoutMs = options.batchTimeoutMs;
  }

  /** What the worker needs beyond a plain function's fields: the form, bound arguments, aggregate mode. */
  shapeFields(): { form: UdfForm; bound?: BoundArg[]; aggregate?: boolean } {
    return { form: this.form, ...(this.bound.length ? { bound: [...this.bound] } : {}), ...(this.aggregate ? { aggregate: true } : {}) };
  }

  /**
   * The spec a worker needs to run this UDF called as `name`, for Flink jobs flinkframe does not drive
   * (java/.../udf/JsModuleFunction.java reads a module's exports through this).
   */
  toWorkerSpec(name: string): UdfWorkerSpec {
    if (this.aggregate) throw new FlinkFrameError(`${name}: aggregate UDFs run only in a flinkframe rollup, not as SQL functions.`);
    // such a job ships nothing: the worker runs from this package, on the machine that plans it (UdfWorkDir local:)
    return { ...workerSpec(name, this, 'result'), launch: { node: process.execPath, worker: `local:${workerBundle()}`, files: {} } };
  }

  /**
   * A copy with some arguments bound in advance by parameter name, as Python's functools.partial(fn, k=1):
   * `udf((x, k) => x + k, opts).partial({ k: 1 })` is then called as `op.f(d.x)`. Values travel as JSON.
   */
  partial(values: Record<string, unknown>): Udf {
    if (!values || typeof values !== 'object' || Array.isArray(values)) {
      throw new FlinkFrameError(`${this.title}.partial(): pass the bound arguments by parameter name, e.g. .partial({ k: 1 }); use .bind(a, b) to bind leading arguments.`);
    }
    const taken = new Set(this.bound.map((b) => b.index));
    const added = Object.entries(values).map(([name, value]) => {
      const index = this.parameters.indexOf(name);
      if (index < 0 || taken.has(index)) {
        const free = this.parameters.filter((p, i) => p !== undefined && !taken.has(i));
        throw new FlinkFrameError(`${this.title}.partial(): "${name}" is not ${index < 0 ? 'a parameter' : 'an unbound parameter'} of the function; its unbound parameters are ${free.map((p) => `"${p}"`).join(', ') || '(none)'}.`);
      }
      return { index, value: this.jsonValue(name, value) };
    });
    return this.withBound(added);
  }

  /** A copy with the leading unbound arguments given, as Function.prototype.bind does (without `this`). */
  bind(...leading: unknown[]): Udf {
    const taken = new Set(this.bound.map((b) => b.index));
    const free = this.parameters.map((_, i) => i).filter((i) => !taken.has(i));
    if (leading.length > free.length) {
      throw new FlinkFrameError(`${this.title}.bind(): ${leading.length} values for ${free.length} unbound parameters.`);
    }
    return this.withBound(leading.map((value, k) => ({ index: free[k]!, value: this.jsonValue(`argument ${free[k]! + 1}`, value) })));
  }

  private jsonValue(name: string, value: unknown): unknown {
    const text = JSON.stringify(value);
    if (text === undefined) throw new FlinkFrameError(`${this.title}: the bound value for ${name} is not a JSON value (${typeof value}); bound values travel to the workers as JSON.`);
    return JSON.parse(text);
  }

  private withBound(added: BoundArg[]): Udf {
    const copy = Object.create(Udf.prototype) as Udf;
    Object.assign(copy, this, { bound: [...this.bound, ...added].sort((a, b) => a.index - b.index) });
    return copy;
  }
}

export function udf(fn: UdfDefinition, options: UdfOptions): Udf {
  return new Udf(fn, options);
}
