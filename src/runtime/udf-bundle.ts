/**
 * Bundling with esbuild, for what a job ships to the machines that run its UDFs: the worker script with
 * everything it imports (apache-arrow, ...) as one self-contained file, built with the package
 * (scripts/bundle-worker.mjs), and the module a UDF's function is defined in, with its imports, built when the
 * UDF is first used. Packages found in the node_modules the session ships (addNodeModules) stay imports, so the
 * worker resolves them from the shipped copy; every other import is bundled.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as esbuild from 'esbuild';
import { FlinkFrameError } from '../errors.js';
import { packageRoot } from './package-root.js';

const RUNTIME_JS = join(packageRoot, 'dist', 'src', 'runtime');
export const WORKER_ENTRY = join(RUNTIME_JS, 'udf-worker.js');
export const WORKER_BUNDLE = join(packageRoot, 'dist', 'udf-worker', 'udf-worker.mjs');

/** Bundled CommonJS code calls require() (for node: built-ins too): give the ES module bundle one. */
const REQUIRE_BANNER = "import { createRequire as __ffCreateRequire } from 'node:module'; const require = __ffCreateRequire(import.meta.url);";

type Esbuild = typeof esbuild;

/** esbuild from the user's project (near `from`) if it has one, else flinkframe's own (a devDependency). */
function loadEsbuild(from?: string): Esbuild | undefined {
  for (const base of [from && join(from, 'noop.js'), join(process.cwd(), 'noop.js'), join(packageRoot, 'package.json')]) {
    if (!base) continue;
    try {
      return createRequire(pathToFileURL(base))('esbuild') as Esbuild;
    } catch {
      // try the next place
    }
  }
  return undefined;
}

function newestMtime(dir: string): number {
  return Math.max(0, ...readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => statSync(join(dir, f)).mtimeMs));
}

/** Writes the worker bundle (dist/udf-worker/udf-worker.mjs) from the compiled worker script. */
export function bundleWorker(build: Esbuild | undefined = loadEsbuild()): void {
  if (!build) throw new Error('bundling the UDF worker needs esbuild (a devDependency of flinkframe): npm install');
  mkdirSync(dirname(WORKER_BUNDLE), { recursive: true });
  build.buildSync({
    entryPoints: [WORKER_ENTRY],
    outfile: WORKER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: REQUIRE_BANNER },
    logLevel: 'error',
  });
}

/**
 * The worker bundle's path. In a checkout whose compiled runtime is newer than the bundle (tsc ran, the bundle
 * step did not), it is rebuilt first when esbuild is at hand; an installed package ships it prebuilt.
 */
export function workerBundle(): string {
  const stale = !existsSync(WORKER_BUNDLE) || (existsSync(RUNTIME_JS) && statSync(WORKER_BUNDLE).mtimeMs < newestMtime(RUNTIME_JS));
  if (stale) {
    const build = loadEsbuild();
    if (build) bundleWorker(build);
    else if (!existsSync(WORKER_BUNDLE)) {
      throw new FlinkFrameError(`flinkframe: the UDF worker bundle ${WORKER_BUNDLE} is missing; run \`npm run build\` in the flinkframe package folder.`);
    }
  }
  return WORKER_BUNDLE;
}

/** The packages in a node_modules folder: 'a', '@scope/b'. */
function packagesIn(nodeModules: string): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) names.push(...readdirSync(join(nodeModules, entry)).map((n) => `${entry}/${n}`));
    else names.push(entry);
  }
  return names;
}

/**
 * Bundles the module `file` (JS or TS) and what it imports into the ES module `outfile`, keeping the
 * exports' names (and functions' .name) so the worker finds the UDF's function by name.
 */
export function bundleModule(file: string, outfile: string, shippedNodeModules?: string): void {
  const build = loadEsbuild(dirname(file));
  if (!build) {
    throw new FlinkFrameError(
      `flinkframe: the UDF's function is defined in the module ${file}, which is bundled to ship it to the workers, and that needs esbuild: npm install --save-dev esbuild`,
    );
  }
  const external = shippedNodeModules ? packagesIn(shippedNodeModules).flatMap((p) => [p, `${p}/*`]) : [];
  try {
    build.buildSync({
      entryPoints: [file],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      keepNames: true,
      banner: { js: REQUIRE_BANNER },
      external,
      logLevel: 'silent',
    });
  } catch (e) {
    throw new FlinkFrameError(`flinkframe: bundling the UDF module ${file} failed: ${(e as Error).message}`, { cause: e });
  }
}
