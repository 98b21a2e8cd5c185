import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '..', '..');

/**
 * Runs scripts/cluster.mjs (what `npm run cluster:start|stop` run) with its state in `home`. Async: a blocked
 * event loop would keep vitest's worker from answering its runner during the cluster's start-up.
 */
export function clusterScript(home: string) {
  const env = { ...process.env, FLINKFRAME_CLUSTER_HOME: home };
  return async (...args: string[]) =>
    (await promisify(execFile)(process.execPath, [join(root, 'scripts', 'cluster.mjs'), ...args], { env, encoding: 'utf8' })).stdout;
}
