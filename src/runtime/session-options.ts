import type { DependencyOptions } from './udf-dependencies.js';

/** How a session runs: what `session(options)` accepts (with what its UDFs ship: files, nodeModules, node, jars). */
export interface SessionOptions extends DependencyOptions {
  /** 'batch' (the default) for bounded data; 'streaming' for unbounded sources and continuous results. */
  mode?: 'batch' | 'streaming';
  /** Default parallelism of jobs; the embedded mini-cluster gets as many task slots. Default: the number of cores. */
  parallelism?: number;
  /** Flink configuration keys, e.g. { 'table.exec.resource.default-parallelism': 4 }. */
  config?: Record<string, string | number | boolean>;
  /** Maximum JVM heap, e.g. '4g'. Only the first session of a process starts the JVM. */
  heap?: string;
  /** UDF stages send a partial batch once its first row has waited this long (default 1000 ms; a udf() can say otherwise). */
  batchTimeoutMs?: number;
}
