/**
 * The Node worker process of one JavaScript UDF, started by the Java operator (JsUdfOperator) for each
 * parallel subtask: it reads the UDF's spec and then Arrow batches from stdin, and writes one result batch
 * (or an error report) per batch to stdout. It exits when stdin ends.
 */
import { Console } from 'node:console';
import { writeSync } from 'node:fs';
import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { ERROR, replyFrame, requestFrames, RESULT } from './udf-frames.js';
import { compile, evaluate, UdfError } from './udf-evaluate.js';
import { compileChain, evaluateChain } from './udf-chain.js';
import { loadUdfModule, moduleFunction } from './udf-module-load.js';
import { BadResult } from './udf-result.js';
import type { UdfWorkerSpec } from './udf-spec.js';

// stdout carries the protocol: whatever a UDF logs goes to stderr instead
globalThis.console = new Console(process.stderr, process.stderr);

function reply(tag: number, payload: Uint8Array): void {
  const bytes = replyFrame(tag, payload);
  for (let off = 0; off < bytes.length; ) off += writeSync(1, bytes, off, bytes.length - off);
}

function report(e: unknown, where?: string): void {
  const error = e instanceof UdfError ? e.cause : e;
  const message = error instanceof Error ? error.message : String(error);
  // the frames, without the message line, marked so they are not mistaken for Java frames (java-error.ts)
  const frames = error instanceof Error && !(error instanceof BadResult) ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : [];
  const stack = frames.length ? frames.slice(0, 3).map((l) => '  (JS) ' + l.trim()).join('\n') : undefined;
  reply(ERROR, Buffer.from(JSON.stringify({ message, stack, where: e instanceof UdfError ? e.where : where })));
}

// a UDF defined in a module: its shipped bundle, loaded before the first request
const udfModule = await loadUdfModule();

let spec: UdfWorkerSpec | undefined;
let fn: ReturnType<typeof compile> | undefined;
let chain: ReturnType<typeof compileChain> | undefined;

process.stdin.on('data', requestFrames((frame) => {
  if (!spec) {
    spec = JSON.parse(Buffer.from(frame).toString('utf8')) as UdfWorkerSpec;
    try {
      const make = (s: UdfWorkerSpec) => (s.module ? moduleFunction(udfModule, s) : compile(s));
      if (spec.chain) chain = compileChain(spec, make);
      else fn = make(spec);
    } catch (e) {
      // reported on the first batch, where the operator waits for a reply
      fn = () => {
        throw e;
      };
    }
    return;
  }
  try {
    if (chain) {
      reply(RESULT, tableToIPC(evaluateChain(chain, tableFromIPC(frame)), 'stream'));
      return;
    }
    const result = evaluate(fn!, spec, tableFromIPC(frame));
    reply(RESULT, tableToIPC(new Table({ [spec.result]: result }), 'stream'));
  } catch (e) {
    report(e, 'while reading its batch');
  }
}));
