/**
 * Worker side of a UDF defined in a module: the task put the module's bundle at ./udf-module.mjs of the
 * worker's directory (java/.../udf/UdfWorkDir.java); the function is its export by name. Loaded before the
 * first request is read, so that compiling the UDF stays synchronous.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { UdfWorkerSpec } from './udf-spec.js';

type Fn = (...args: unknown[]) => unknown;
export type LoadedModule = { exports: Record<string, unknown> } | { error: unknown } | undefined;

export async function loadUdfModule(): Promise<LoadedModule> {
  const dir = process.env.FLINKFRAME_UDF_DIR;
  const file = dir && join(dir, 'udf-module.mjs');
  if (!file || !existsSync(file)) return undefined;
  try {
    return { exports: (await import(pathToFileURL(file).href)) as Record<string, unknown> };
  } catch (error) {
    return { error };
  }
}

/** The UDF's function from its loaded module (throws what went wrong, to be reported on the first batch). */
export function moduleFunction(loaded: LoadedModule, spec: UdfWorkerSpec): Fn {
  const { exportName, file } = spec.module!;
  if (!loaded) throw new Error(`the module of UDF '${spec.name}' (${file}) was not shipped to this worker`);
  if ('error' in loaded) {
    const message = loaded.error instanceof Error ? loaded.error.message : String(loaded.error);
    const hint = /Cannot find (package|module)/.test(message)
      ? ' Packages the module imports come from the node_modules the session ships: session.addNodeModules(path) or `flinkframe run --node-modules path`.'
      : '';
    throw new Error(`loading the module of UDF '${spec.name}' (${file}) failed: ${message}.${hint}`);
  }
  const exports = loaded.exports;
  const byDefault = exports.default as { name?: string } | undefined;
  const fn = exports[exportName] ?? (typeof byDefault === 'function' && byDefault.name === exportName ? byDefault : undefined);
  if (typeof fn !== 'function') {
    const names = Object.keys(exports).filter((k) => typeof exports[k] === 'function');
    throw new Error(`the module of UDF '${spec.name}' (${file}) has no function export "${exportName}" (it exports ${names.join(', ') || 'no functions'}); give udf(fn, { export: 'name' }).`);
  }
  return fn as Fn;
}
