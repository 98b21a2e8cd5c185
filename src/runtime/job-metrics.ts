/**
 * What a finished job tells about its JavaScript UDFs: the final value of each metric a UDF registered in
 * open(ctx), summed over its subtasks (java/.../udf/UdfMetricsAccumulator.java).
 */
export type MetricSummary =
  | { kind: 'counter'; count: number }
  | { kind: 'meter'; count: number; rate: number }
  | { kind: 'distribution'; count: number; sum: number; min: number | null; max: number | null; mean: number | null }
  | { kind: 'gauge'; value: unknown; subtasks: unknown[] };

/** A finished job: its Flink job id and its UDFs' metrics by UDF name, then metric name. */
export interface JobReport {
  id: string;
  metrics: Record<string, Record<string, MetricSummary>>;
}

export interface FinishedJob {
  idSync(): string;
  udfMetricsSync(): string;
}

/** Reads the report of a finished job (once: the job's result is asked from the cluster). */
export function jobReport(job: FinishedJob): JobReport {
  return { id: job.idSync(), metrics: JSON.parse(job.udfMetricsSync()) as JobReport['metrics'] };
}
