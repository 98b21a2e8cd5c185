/** What a UDF stage tells its worker (as JSON, through the Java operator): everything needed to rebuild the function. */
export interface UdfWorkerSpec {
  name: string;
  /** The function's source text: an arrow function or function expression, an object literal or a class. */
  source: string;
  /** How `source` is written (src/frame/udf-forms.ts); absent means 'function'. */
  form?: UdfForm;
  vectorized: boolean;
  /** Called once per group with the group's columns, returning one value (a rollup's aggregate). */
  aggregate?: boolean;
  /** Values the source reads by name instead of closures (JSON). */
  params: Record<string, unknown>;
  /** Arguments bound in advance (udf(...).partial / .bind): each value goes to its parameter position. */
  bound?: BoundArg[];
  /** Flink SQL result type. */
  returns: string;
  /** The input columns holding the arguments, in order. */
  args: string[];
  /** The arguments as the user wrote them, to name the values of a failing row. */
  argLabels?: string[];
  /** Aggregates: the group key columns shipped after the arguments and the group index (to name a failing group). */
  keys?: string[];
  /** The output column. */
  result: string;
  /** The function is the export `exportName` of this module (bundled and shipped), not `source` alone. */
  module?: UdfModuleRef;
  /** How the task starts the worker from what the job shipped (added by udf-shipping.ts). */
  launch?: UdfLaunch;
  batchSize: number;
  /** A partial batch leaves once its first row has waited this long (0: never on time). */
  batchTimeoutMs?: number;
  /** Keep one batch in flight while the next is buffered (default true). */
  pipeline?: boolean;
  /**
   * A worker that finished its job cleanly waits for the next job's UDF (java/.../UdfWorkerPool.java) unless
   * this is false (default true); workers that ship files or modules are never kept.
   */
  reuseWorker?: boolean;
  /** Added by the Java operator for open(ctx): which subtask of which job the worker serves. */
  context?: UdfRuntimeContext;
  /**
   * A stage's functions, run one after the other on each batch (one round trip): each reads shipped columns
   * (`args` above) or earlier results by name. Then `results`/`resultTypes` list the columns returned.
   */
  chain?: UdfChainLink[];
  results?: string[];
  resultTypes?: string[];
}

/** One function of a stage's chain. */
export interface UdfChainLink {
  name: string;
  source: string;
  vectorized: boolean;
  params: Record<string, unknown>;
  returns: string;
  /** Shipped columns or results of earlier links, in argument order. */
  args: string[];
  argLabels?: string[];
  result: string;
  /** Generated from a JavaScript part of an expression: called with the row count first. */
  generated?: boolean;
  /** Reads Arquero's op functions (the worker provides `op`). */
  arqueroOp?: boolean;
  /** The link's own form, bound arguments and module (not the stage's first function's). */
  form?: UdfForm;
  bound?: BoundArg[];
  aggregate?: boolean;
  module?: UdfModuleRef;
}

/** Where a UDF's function is defined: a module file (JS or TS) on the client, and the export that holds it. */
export interface UdfModuleRef {
  file: string;
  exportName: string;
}

/** Read by java/.../udf/UdfStageSpec.Launch: names are Flink distributed-cache entries of the job. */
export interface UdfLaunch {
  node: string;
  worker: string;
  module?: string;
  /** Cache entries by the file name the UDF reads them under (in the worker's working directory). */
  files: Record<string, string>;
  nodeModules?: string;
}

export type UdfForm = 'function' | 'object' | 'class';

export interface BoundArg {
  index: number;
  value: unknown;
}

export interface UdfRuntimeContext {
  subtask: number;
  parallelism: number;
  attempt: number;
  taskName: string;
  jobId: string;
  jobName: string;
}

/** The request frame that asks a worker to run close() and send its final metrics (an empty frame). */
export const FINISH_FRAME_LENGTH = 0;

/** Arrow schema metadata key of a result batch carrying metric updates (JSON, see udf-metrics.ts). */
export const METRICS_METADATA_KEY = 'flinkframe.metrics';
