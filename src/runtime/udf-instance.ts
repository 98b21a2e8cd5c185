/**
 * A UDF rebuilt in its worker from the spec: the function, object or class (src/frame/udf-forms.ts) with its
 * params as the only names it sees besides JS globals, arguments bound in advance put in place, and the
 * open(ctx) / close() lifecycle of the object or class form.
 */
import type { UdfWorkerSpec } from './udf-spec.js';
import { UdfMetrics } from './udf-metrics.js';

export type Fn = (...args: unknown[]) => unknown;

export interface UdfInstance {
  /** Called per row, per batch or per group with the call's arguments (bound ones already in place). */
  call: Fn;
  open(): Promise<void>;
  close(): Promise<void>;
  metrics: UdfMetrics;
}

/** The context open(ctx) receives: the params, where the worker runs, and the metrics to register. */
export interface UdfOpenContext {
  params: Record<string, unknown>;
  subtask: number;
  parallelism: number;
  attempt: number;
  taskName: string;
  job: { id: string; name: string };
  metrics: UdfMetrics['api'];
}

interface Lifecycle {
  eval: Fn;
  open?: (ctx: UdfOpenContext) => unknown;
  close?: () => unknown;
}

function construct(spec: UdfWorkerSpec): Lifecycle {
  const names = Object.keys(spec.params);
  // the sourceURL names the UDF in stack traces
  const make = new Function(...names, `"use strict"; return (${spec.source}\n);\n//# sourceURL=udf:${spec.name}`);
  const made = make(...names.map((n) => spec.params[n])) as unknown;
  const form = spec.form ?? 'function';
  if (form === 'function') {
    if (typeof made !== 'function') throw new Error(`the source of UDF '${spec.name}' is not a function`);
    return { eval: made as Fn };
  }
  const target = (form === 'class' ? new (made as new () => unknown)() : made) as Lifecycle;
  if (!target || typeof target.eval !== 'function') throw new Error(`UDF '${spec.name}' has no eval method`);
  return target;
}

/** The call with the bound arguments spliced in at their positions. */
function withBound(fn: Fn, self: unknown, spec: UdfWorkerSpec): Fn {
  const bound = spec.bound ?? [];
  if (!bound.length) return self === undefined ? fn : fn.bind(self);
  return (...given: unknown[]) => {
    const args: unknown[] = [];
    let next = 0;
    let b = 0;
    for (let i = 0; i < given.length + bound.length; i++) {
      args.push(b < bound.length && bound[b]!.index === i ? bound[b++]!.value : given[next++]);
    }
    return fn.apply(self, args);
  };
}

/** Stage errors: which lifecycle step failed, for the report. */
export class LifecycleError extends Error {
  constructor(readonly cause: unknown, readonly step: 'open(ctx)' | 'close()') {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export function instantiate(spec: UdfWorkerSpec): UdfInstance {
  const target = construct(spec);
  const metrics = new UdfMetrics();
  const c = spec.context;
  const ctx: UdfOpenContext = {
    params: spec.params,
    subtask: c?.subtask ?? 0,
    parallelism: c?.parallelism ?? 1,
    attempt: c?.attempt ?? 0,
    taskName: c?.taskName ?? '',
    job: { id: c?.jobId ?? '', name: c?.jobName ?? '' },
    metrics: metrics.api,
  };
  const self = spec.form && spec.form !== 'function' ? target : undefined;
  return {
    call: withBound(target.eval, self, spec),
    metrics,
    async open() {
      try {
        await target.open?.(ctx);
      } catch (e) {
        throw new LifecycleError(e, 'open(ctx)');
      }
    },
    async close() {
      try {
        await target.close?.();
      } catch (e) {
        throw new LifecycleError(e, 'close()');
      }
    },
  };
}
