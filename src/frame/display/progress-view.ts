import type { JobProgress, ProgressListener, ProgressTiming } from '../../runtime/job-progress.js';
import type { SessionOptions } from '../../runtime/session-options.js';
import { notebookUpdatingDisplay } from './notebook.js';

const count = new Intl.NumberFormat('en-US');

/** One line: `flinkframe job 1a2b3c4d RUNNING 3.5 s · 120,000 rows read · 2/3 tasks done`. */
export function progressLine(p: JobProgress): string {
  const parts = [
    `flinkframe job ${p.jobId.slice(0, 8)} ${p.state} ${(p.elapsedMs / 1000).toFixed(1)} s`,
    `${count.format(p.recordsIn)} rows read`,
    ...(p.recordsOut ? [`${count.format(p.recordsOut)} rows to the sink`] : []),
    `${p.tasksFinished}/${p.tasksTotal} tasks done`,
  ];
  return parts.join(' · ');
}

/** Rewrites one terminal line in place; the final state stays on screen. */
function terminalView(stream: NodeJS.WriteStream): ProgressListener {
  return (p, done) => {
    const line = progressLine(p);
    if (stream.isTTY) stream.write(`\r\x1b[2K${line}${done ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
}

/** One notebook output per job, overwritten at each update. */
function notebookView(): ProgressListener | undefined {
  if (!notebookUpdatingDisplay()) return undefined;
  const outputs = new Map<string, ReturnType<typeof notebookUpdatingDisplay>>();
  return (p) => {
    if (!outputs.has(p.jobId)) outputs.set(p.jobId, notebookUpdatingDisplay());
    outputs.get(p.jobId)?.text(progressLine(p));
  };
}

/** FLINKFRAME_PROGRESS=1 or 0 when set, else off in CI and under a test runner, else undefined (decide by output). */
function environmentChoice(): boolean | undefined {
  const env = process.env.FLINKFRAME_PROGRESS;
  if (env !== undefined) return !(env === '0' || env === 'false');
  return process.env.CI || process.env.VITEST ? false : undefined;
}

/** What a session shows while its jobs run, from its `progress` option and where it runs. */
export function progressFor(options: SessionOptions): { listener: ProgressListener; timing?: ProgressTiming } | undefined {
  const option = options.progress;
  if (option === false) return undefined;
  const timing = typeof option === 'object' ? option : undefined;
  if (timing?.listener) return { listener: timing.listener, timing };
  const wanted = option === undefined ? environmentChoice() : true;
  if (wanted === false) return undefined;
  const view = notebookView() ?? (wanted || process.stderr.isTTY ? terminalView(process.stderr) : undefined);
  return view && { listener: view, timing };
}
