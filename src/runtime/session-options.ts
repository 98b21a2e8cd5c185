/** How a session runs: what `session(options)` accepts. */
export interface SessionOptions {
  /** 'batch' (the default) for bounded data; 'streaming' for unbounded sources and continuous results. */
  mode?: 'batch' | 'streaming';
  /** Default parallelism of jobs; the embedded mini-cluster gets as many task slots. Default: the number of cores. */
  parallelism?: number;
  /** Flink configuration keys, e.g. { 'table.exec.resource.default-parallelism': 4 }. */
  config?: Record<string, string | number | boolean>;
  /** Maximum JVM heap, e.g. '4g'. Only the first session of a process starts the JVM. */
  heap?: string;
  /**
   * 'flink' (the default) runs frames on Flink; 'local' replays them on Arquero in this process, without a JVM
   * (for unit tests). Without this option, the FLINKFRAME_ENGINE environment variable decides.
   */
  engine?: EngineKind;
}

/** Which engine runs a session's frames: Flink (the default), or Arquero in-process for fast unit tests. */
export type EngineKind = 'flink' | 'local';
