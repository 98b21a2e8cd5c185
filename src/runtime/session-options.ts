import type { ProgressListener } from './job-progress.js';
import type { DependencyOptions } from './udf-dependencies.js';

/** How a session runs: what `session(options)` accepts (with what its UDFs ship: files, nodeModules, node, jars). */
export interface SessionOptions extends DependencyOptions {
  /** 'batch' (the default) for bounded data; 'streaming' for unbounded sources and continuous results. */
  mode?: 'batch' | 'streaming';
  /** Default parallelism of jobs; the embedded mini-cluster gets as many task slots. Default: the number of cores. */
  parallelism?: number;
  /** Flink configuration keys, e.g. { 'table.exec.resource.default-parallelism': 4 }. */
  config?: Record<string, string | number | boolean>;
  /**
   * The REST address of a running Flink cluster to submit jobs to, e.g. 'http://127.0.0.1:8081' (`npm run
   * cluster:start` starts one on loopback). Default: an embedded mini-cluster in this process. The cluster's
   * TaskManagers must see this machine's temporary folder (same host, or a shared mount as TMPDIR).
   */
  cluster?: string;
  /**
   * Row order without orderby. 'unordered' (the default): the same rows as Arquero, in no defined order.
   * 'arquero': Arquero's order (input order through filter/derive/select, stable orderby, groups in
   * first-appearance order, concat in table then row order, Arquero's join order), kept by a hidden row
   * ordinal assigned at in-memory sources and sorted by at the end (docs/semantics.md, bench/row-order.ts).
   */
  rowOrder?: 'unordered' | 'arquero';
  /** Maximum JVM heap, e.g. '4g'. Only the first session of a process starts the JVM. */
  heap?: string;
  /**
   * Live progress of jobs that run longer than a moment (state, rows, elapsed time), in the terminal or as an
   * updating notebook output. Default: on in a terminal or notebook, off when CI or VITEST is set or output is
   * not a terminal; FLINKFRAME_PROGRESS=0/1 overrides. An object picks the timing or a listener of your own.
   */
  progress?: boolean | { afterMs?: number; intervalMs?: number; listener?: ProgressListener };
  /**
   * 'flink' (the default) runs frames on Flink; 'local' replays them on Arquero in this process, without a JVM
   * (for unit tests). Without this option, the FLINKFRAME_ENGINE environment variable decides.
   */
  engine?: EngineKind;
  /** UDF stages send a partial batch once its first row has waited this long (default 1000 ms; a udf() can say otherwise). */
  batchTimeoutMs?: number;
}

/** Which engine runs a session's frames: Flink (the default), or Arquero in-process for fast unit tests. */
export type EngineKind = 'flink' | 'local';
