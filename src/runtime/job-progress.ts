/** What a running job has done so far, as its JobManager reports it. */
export interface JobProgress {
  jobId: string;
  /** Flink's job state: INITIALIZING, RUNNING, FINISHED, FAILED, CANCELED, ... */
  state: string;
  elapsedMs: number;
  /** Rows the source tasks have emitted. */
  recordsIn: number;
  /** Rows that reached the sink tasks through the network (0 when the sink is chained to its input). */
  recordsOut: number;
  tasksFinished: number;
  tasksTotal: number;
}

/** Receives a job's progress while it runs; `done` marks the last call, after the job ended. */
export type ProgressListener = (progress: JobProgress, done: boolean) => void;

export interface ProgressTiming {
  /** Jobs shorter than this show nothing. Default 1000 ms. */
  afterMs?: number;
  /** How often the JobManager is asked. Default 500 ms. */
  intervalMs?: number;
}

const TERMINAL = new Set(['FINISHED', 'FAILED', 'CANCELED', 'SUSPENDED']);

interface JobDetails {
  state: string;
  duration: number;
  vertices: { name: string; parallelism: number; tasks: Record<string, number>; metrics: Record<string, number> }[];
}

/**
 * Polls the JobManager's REST API (the one every Flink cluster, embedded or not, serves) for one job, so
 * progress costs nothing on the bridge and nothing in the job. Vertex record counts come from Flink's metric
 * fetcher, so they lag by its update interval.
 */
export function watchJob(restAddress: string, jobId: string, listener: ProgressListener, timing: ProgressTiming = {}) {
  const { afterMs = 1000, intervalMs = 500 } = timing;
  let shown = false;
  let polling: Promise<void> = Promise.resolve();
  const poll = (done: boolean) =>
    (polling = polling.then(async () => {
      let progress = await fetchProgress(restAddress, jobId).catch(() => undefined);
      // The REST API serves a cached view of the job for a moment after it ends
      for (let tries = 0; done && progress && !TERMINAL.has(progress.state) && tries < 20; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        progress = await fetchProgress(restAddress, jobId).catch(() => progress);
      }
      if (progress) listener(progress, done);
    }));
  let timer: NodeJS.Timeout | undefined;
  const start = setTimeout(() => {
    shown = true;
    void poll(false);
    timer = setInterval(() => void poll(false), intervalMs);
    timer.unref();
  }, afterMs);
  start.unref();

  return {
    /** Ends the watch; a job that was shown gets its final state once more. */
    async stop(): Promise<void> {
      clearTimeout(start);
      clearInterval(timer);
      await polling;
      if (shown) await poll(true);
    },
  };
}

async function fetchProgress(restAddress: string, jobId: string): Promise<JobProgress> {
  const response = await fetch(`${restAddress}/jobs/${jobId}`, { signal: AbortSignal.timeout(2000) });
  if (!response.ok) throw new Error(`${response.status}`);
  const job = (await response.json()) as JobDetails;
  const sum = (pick: (v: JobDetails['vertices'][number]) => number) => job.vertices.reduce((n, v) => n + pick(v), 0);
  const isSource = (name: string) => name.startsWith('Source');
  const isSink = (name: string, i: number) => /Sink|Writer/.test(name) || i === job.vertices.length - 1;
  return {
    jobId,
    state: job.state,
    elapsedMs: job.duration,
    recordsIn: sum((v) => (isSource(v.name) ? v.metrics['write-records'] ?? 0 : 0)),
    recordsOut: job.vertices.reduce((n, v, i) => n + (isSink(v.name, i) && !isSource(v.name) ? v.metrics['read-records'] ?? 0 : 0), 0),
    tasksFinished: sum((v) => v.tasks?.FINISHED ?? 0),
    tasksTotal: sum((v) => v.parallelism),
  };
}
