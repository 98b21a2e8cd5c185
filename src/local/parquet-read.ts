import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as aq from 'arquero';
import { FlinkFrameError } from '../errors.js';
import { packageRoot } from '../runtime/package-root.js';

const WORKER = join(packageRoot, 'dist', 'src', 'local', 'parquet-worker.js');

/**
 * A Parquet file as an Arquero table, read synchronously (frames answer schema questions synchronously, and
 * hyparquet only reads asynchronously): a short-lived Node process reads it and hands back Arrow IPC bytes.
 */
export function readParquetSync(file: string): aq.ColumnTable {
  const run = spawnSync(process.execPath, [WORKER, file], { maxBuffer: 1 << 30 });
  if (run.status !== 0) {
    const reason = run.error?.message ?? run.stderr.toString().trim().split('\n').find((l) => /Error/.test(l)) ?? `exit code ${run.status}`;
    throw new FlinkFrameError(`loadParquet: ${file} could not be read on the local engine (${reason}).`);
  }
  return aq.fromArrow(new Uint8Array(run.stdout.buffer, run.stdout.byteOffset, run.stdout.length));
}
