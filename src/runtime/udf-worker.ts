/**
 * The Node worker process of one JavaScript UDF, started by the Java operator (JsUdfOperator) for each
 * parallel subtask: it reads the UDF's spec (then runs open(ctx)), then Arrow batches from stdin, and writes one
 * result batch (or an error report) per batch to stdout. An empty request asks for close(): the reply carries
 * the final metric updates, and the worker then waits for another spec (a later job reuses it: UdfWorkerPool).
 * It exits when stdin ends.
 */
import { Console } from 'node:console';
import { rmSync, writeSync } from 'node:fs';
import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { openExchange } from './udf-exchange.js';
import { ERROR, replyFrame, requestFrames, RESULT } from './udf-frames.js';
import { evaluate, UdfError } from './udf-evaluate.js';
import { evaluateAggregate } from './udf-aggregate-evaluate.js';
import { compileChain, evaluateChain } from './udf-chain.js';
import { instantiate, LifecycleError, type Fn, type UdfInstance } from './udf-instance.js';
import { loadUdfModule, moduleFunction } from './udf-module-load.js';
import { BadResult } from './udf-result.js';
import { FINISH_FRAME_LENGTH, METRICS_METADATA_KEY, type UdfWorkerSpec } from './udf-spec.js';

// stdout carries the protocol: whatever a UDF logs goes to stderr instead
globalThis.console = new Console(process.stderr, process.stderr);

// the files batches pass through (the operator names them; a worker started without them uses the pipes only)
const exchange = openExchange();

function reply(tag: number, payload: Uint8Array): void {
  const bytes = replyFrame(tag, payload, exchange);
  for (let off = 0; off < bytes.length; ) off += writeSync(1, bytes, off, bytes.length - off);
}

function report(e: unknown, where?: string): void {
  const error = e instanceof UdfError || e instanceof LifecycleError ? e.cause : e;
  const message = error instanceof Error ? error.message : String(error);
  // the frames, without the message line, marked so they are not mistaken for Java frames (java-error.ts)
  const frames = error instanceof Error && !(error instanceof BadResult) ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : [];
  const stack = frames.length ? frames.slice(0, 3).map((l) => '  (JS) ' + l.trim()).join('\n') : undefined;
  const place = e instanceof UdfError ? e.where : e instanceof LifecycleError ? `in ${e.step}` : where;
  reply(ERROR, Buffer.from(JSON.stringify({ message, stack, where: place })));
}

/** The metric updates of every function the worker runs (a chained stage runs several), as one JSON object. */
function metricUpdates(): string | undefined {
  const updates = instances.map((i) => i.metrics.takeUpdates()).filter((u): u is string => u !== undefined);
  if (updates.length <= 1) return updates[0];
  return JSON.stringify(Object.assign({}, ...updates.map((u) => JSON.parse(u) as object)));
}

function resultBatch(table: Table): Uint8Array {
  const updates = metricUpdates();
  if (updates) table.schema.metadata.set(METRICS_METADATA_KEY, updates);
  return tableToIPC(table, 'stream');
}

// a UDF defined in a module: its shipped bundle, loaded before the first request
const udfModule = await loadUdfModule();

let spec: UdfWorkerSpec | undefined;
/** The functions this worker runs: one, or a chained stage's links, each with its own lifecycle. */
const instances: UdfInstance[] = [];
let call: Fn | undefined;
let chain: ReturnType<typeof compileChain> | undefined;
/** Why the UDF cannot run (it did not compile, or open threw): reported on every request, where the operator waits. */
let broken: unknown;

/** A function from its shipped module (a plain function), or rebuilt from its source (function, object, class). */
function build(s: UdfWorkerSpec): Fn {
  if (s.module) return moduleFunction(udfModule, s) as Fn;
  const instance = instantiate(s);
  instances.push(instance);
  return instance.call;
}

async function handle(frame: Uint8Array): Promise<void> {
  if (!spec) {
    spec = JSON.parse(Buffer.from(frame).toString('utf8')) as UdfWorkerSpec;
    try {
      if (spec.chain) chain = compileChain(spec, build);
      else call = build(spec);
      for (const instance of instances) await instance.open();
    } catch (e) {
      broken = e;
    }
    return;
  }
  if (broken !== undefined) return report(broken, 'while starting');
  if (frame.length === FINISH_FRAME_LENGTH) {
    try {
      for (const instance of instances) await instance.close();
      reply(RESULT, Buffer.from(metricUpdates() ?? '{}'));
    } catch (e) {
      report(e);
    }
    // the next frame is the spec of the next job's UDF
    spec = call = chain = undefined;
    instances.length = 0;
    return;
  }
  try {
    const batch = tableFromIPC(frame);
    if (chain) return reply(RESULT, resultBatch(evaluateChain(chain, batch)));
    const result = spec.aggregate ? evaluateAggregate(call!, spec, batch) : evaluate(call!, spec, batch);
    reply(RESULT, resultBatch(new Table({ [spec.result]: result })));
  } catch (e) {
    report(e, 'while reading its batch');
  }
}

// frames are handled one after another, also when open(ctx) or close() are async
let queue: Promise<void> = Promise.resolve();
// stdin ends when the operator is done with this worker or its JVM is gone (a TaskManager stopped while the worker
// waited for a next job): the worker's folder goes with it
process.stdin.on('end', () => {
  const dir = process.env.FLINKFRAME_UDF_DIR;
  if (dir) void queue.then(() => rmSync(dir, { recursive: true, force: true }));
});
process.stdin.on('data', requestFrames((frame) => {
  // a frame is a view of a chunk that stdin does not reuse, so it can wait in the queue as it is
  queue = queue.then(() => handle(frame));
}, exchange));
