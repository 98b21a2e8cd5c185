/** What a UDF stage tells its worker (as JSON, through the Java operator): everything needed to rebuild the function. */
export interface UdfWorkerSpec {
  name: string;
  /** The function's source text: an arrow function or function expression. */
  source: string;
  vectorized: boolean;
  /** Values the source reads by name instead of closures (JSON). */
  params: Record<string, unknown>;
  /** Flink SQL result type. */
  returns: string;
  /** The input columns holding the arguments, in order. */
  args: string[];
  /** The arguments as the user wrote them, to name the values of a failing row. */
  argLabels?: string[];
  /** The output column. */
  result: string;
  /** The worker's command line (Node executable and the worker script). */
  command: string[];
  batchSize: number;
  /** Keep one batch in flight while the next is buffered (default true). */
  pipeline?: boolean;
}
