import { register } from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ff from '../index.js';

/**
 * Runs a job script (.ts or .js) in this process, with the default session configured from the command line.
 * `explain` makes every materializer print the frame's explain() instead of running a Flink job.
 */
export async function runJob(jobPath: string, jobArgs: string[], settings: { parallelism?: number; explain?: boolean }): Promise<void> {
  const job = resolve(jobPath);
  register('./ts-hooks.js', import.meta.url, {
    data: { flinkframe: new URL('../index.js', import.meta.url).href, jobDir: dirname(job) },
  });
  if (settings.parallelism !== undefined) ff.configureDefaultSession({ parallelism: settings.parallelism });
  ff.setExplainOnly(settings.explain ?? false);
  // The job sees the command line it would see run on its own: process.argv[2] is its first argument.
  process.argv = [process.argv[0]!, job, ...jobArgs];
  try {
    await import(pathToFileURL(job).href);
  } finally {
    await ff.close(); // a job that forgot close() still lets the process exit
  }
}
