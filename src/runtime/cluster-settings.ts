import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FlinkFrameError } from '../errors.js';
import { packageRoot } from './package-root.js';

/** flinkframe's jar and what it needs beyond Flink: shipped with every job, since a cluster has only Flink's jars. */
const SHIPPED_WITH_JOBS = /^(arrow-|flatbuffers-|flink-connector-jdbc-|postgresql-|flink-connector-kafka-|kafka-clients-)/;

function shippedJars(): string[] {
  const lib = join(packageRoot, 'java', 'target', 'lib');
  return [
    join(packageRoot, 'java', 'target', 'flinkframe-runtime.jar'),
    ...readdirSync(lib).filter((f) => SHIPPED_WITH_JOBS.test(f)).map((f) => join(lib, f)),
  ];
}

/** The Flink settings of a session that submits to a running cluster at `url` (its REST endpoint). */
export function clusterSettings(url: string): Record<string, string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FlinkFrameError(`session({ cluster: "${url}" }): not a URL; give the JobManager's REST address, e.g. http://127.0.0.1:8081`);
  }
  return {
    'execution.target': 'remote',
    'rest.address': parsed.hostname,
    'rest.port': parsed.port || (parsed.protocol === 'https:' ? '443' : '80'),
    ...(parsed.protocol === 'https:' ? { 'security.ssl.rest.enabled': 'true' } : {}),
    'pipeline.jars': shippedJars().map((jar) => pathToFileURL(jar).href).join(';'),
  };
}

/** Asks the cluster's REST API whether it is there, so a wrong URL fails at once with a clear message. */
export function checkClusterReachable(url: string): void {
  // java-bridge calls are synchronous here; a synchronous HTTP probe keeps the engine's constructor sync.
  const probe = `fetch(${JSON.stringify(url.replace(/\/$/, '') + '/overview')}, { signal: AbortSignal.timeout(5000) })` +
    `.then(r => process.exit(r.ok ? 0 : 2), () => process.exit(1))`;
  const { status } = spawnSyncNode(probe);
  if (status !== 0) {
    throw new FlinkFrameError(
      `session({ cluster: "${url}" }): no Flink REST API answers there. Start one with \`npm run cluster:start\` ` +
        '(a local standalone cluster on http://127.0.0.1:8081) or give the address of your JobManager.',
    );
  }
}

function spawnSyncNode(code: string) {
  return spawnSync(process.execPath, ['-e', code], { stdio: 'ignore' });
}
