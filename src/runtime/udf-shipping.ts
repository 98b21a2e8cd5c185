/**
 * Ships what UDF workers run through Flink's own mechanism, the distributed cache (the job's artifacts, uploaded to
 * the blob server at submission and copied to each TaskManager): the bundled worker script, each UDF module's
 * bundle, the session's files and node_modules. A UDF's spec then names these cache entries (`launch`), and
 * the task builds the worker's directory from them (java/.../udf/UdfWorkDir.java): nothing is read from the
 * client's checkout where the task runs.
 */
import { join } from 'node:path';
import { workerBundle, bundleModule } from './udf-bundle.js';
import type { UdfDependencies } from './udf-dependencies.js';
import type { UdfLaunch, UdfWorkerSpec } from './udf-spec.js';
import type { WorkDir } from './workdir.js';

/** Registers a local file or folder as a distributed-cache entry of every later job of the session. */
export type ShipFile = (path: string, name: string) => void;

export const DEFAULT_BATCH_TIMEOUT_MS = 1000;

export class UdfShipping {
  /** Cache entry names by local path (and, for module bundles, by module and node_modules). */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly ship: ShipFile,
    private readonly dependencies: UdfDependencies,
    private readonly workdir: WorkDir,
    private readonly embedded: boolean,
    private readonly batchTimeoutMs = DEFAULT_BATCH_TIMEOUT_MS,
  ) {}

  private entry(key: string, make: () => [path: string, name: string]): string {
    let name = this.names.get(key);
    if (!name) {
      const [path, wanted] = make();
      this.ship(path, wanted);
      this.names.set(key, (name = wanted));
    }
    return name;
  }

  private file(path: string, name: string): string {
    return this.entry(`file:${path}`, () => [path, `flinkframe-${this.names.size + 1}-${name}`]);
  }

  /** The spec (JSON) with how to start its worker from shipped files; everything it names is shipped now. */
  launch(specJson: string): string {
    const spec = JSON.parse(specJson) as UdfWorkerSpec;
    const deps = this.dependencies;
    const nodeModules = deps.nodeModulesFolder(() => this.workdir.fresh('node-modules'));
    const launch: UdfLaunch = {
      // the client's Node is the workers' only when they run in this process's mini-cluster
      node: deps.node ?? (this.embedded ? process.execPath : 'node'),
      worker: this.file(workerBundle(), 'udf-worker.mjs'),
      files: Object.fromEntries([...deps.files].map(([name, path]) => [name, this.file(path, name)])),
      nodeModules: nodeModules && this.file(nodeModules, 'node_modules'),
    };
    if (spec.module) {
      const { file } = spec.module;
      launch.module = this.entry(`module:${file}:${nodeModules ?? ''}`, () => {
        const name = `flinkframe-${this.names.size + 1}-udf-module.mjs`;
        const out = join(this.workdir.fresh('udf-module'), 'udf-module.mjs');
        bundleModule(file, out, nodeModules);
        return [out, name];
      });
    }
    return JSON.stringify({ ...spec, launch, batchTimeoutMs: spec.batchTimeoutMs ?? this.batchTimeoutMs });
  }
}
