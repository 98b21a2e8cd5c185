/**
 * The UDF plan optimizations (and the reuse of workers between jobs), each on by default. They are switches so that bench/udf.ts can measure each one
 * against its absence in the same run, and tests can check the plan without them; users have no reason to
 * turn them off.
 */
export const udfPlanSwitches = {
  /** Row UDFs and vectorized functions in separate stages (PyFlink's splitting by kind). */
  splitByKind: true,
  /** Filters that do not read a stage's results run below it (fewer rows shipped). */
  pushFilters: true,
  /** Consecutive UDF calls of a verb run in one worker round trip (one stage). */
  chain: true,
  /** A stage ships only the columns its functions read, not the whole row. */
  shipOnlyRead: true,
  /** A worker that finished a job serves the next job's UDF instead of a new Node process (UdfWorkerPool). */
  reuseWorkers: true,
};

export type UdfPlanSwitches = typeof udfPlanSwitches;
