// Build step after tsc: bundles the UDF worker (dist/src/runtime/udf-worker.js and everything it imports) into
// one self-contained file, dist/udf-worker/udf-worker.mjs, which jobs ship to the machines that run UDFs.
import { bundleWorker, WORKER_BUNDLE } from '../dist/src/runtime/udf-bundle.js';

bundleWorker();
console.log(`flinkframe: bundled the UDF worker into ${WORKER_BUNDLE}`);
