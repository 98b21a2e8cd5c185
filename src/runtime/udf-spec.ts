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
  /** The worker's command line (Node executable and the worker script). */
  command: string[];
  batchSize: number;
  /** Keep one batch in flight while the next is buffered (default true). */
  pipeline?: boolean;
  /** Added by the Java operator for open(ctx): which subtask of which job the worker serves. */
  context?: UdfRuntimeContext;
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
