/** How a session runs: what `session(options)` accepts. */
export interface SessionOptions {
  /** 'batch' (the default) for bounded data; 'streaming' for unbounded sources and continuous results. */
  mode?: 'batch' | 'streaming';
  /** Default parallelism of jobs; the embedded mini-cluster gets as many task slots. Default: the number of cores. */
  parallelism?: number;
  /** Flink configuration keys, e.g. { 'table.exec.resource.default-parallelism': 4 }. */
  config?: Record<string, string | number | boolean>;
  /**
   * Row order without orderby. 'unordered' (the default): the same rows as Arquero, in no defined order.
   * 'arquero': Arquero's order (input order through filter/derive/select, stable orderby, groups in
   * first-appearance order, concat in table then row order, Arquero's join order), kept by a hidden row
   * ordinal assigned at in-memory sources and sorted by at the end (docs/semantics.md, bench/row-order.ts).
   */
  rowOrder?: 'unordered' | 'arquero';
  /** Maximum JVM heap, e.g. '4g'. Only the first session of a process starts the JVM. */
  heap?: string;
}
