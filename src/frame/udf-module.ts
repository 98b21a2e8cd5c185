/**
 * A UDF whose function is exported by a module (it may read that module's imports and top-level names) travels
 * as the module, bundled with its imports (src/runtime/udf-bundle.ts), instead of as source text. This finds the
 * module a function was defined in, through V8's inspector (the function's [[FunctionLocation]]), and checks
 * that the module exports it, so that a lambda reading a variable of the script it is written in is still refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UdfModuleRef } from '../runtime/udf-spec.js';

interface Property {
  name: string;
  value?: { value?: { scriptId?: string } };
}

/** The file a function's code was loaded from, or undefined when V8 does not say (eval, native, no file). */
export function functionFile(fn: Function): string | undefined {
  const session = new Session();
  session.connect();
  const scripts = new Map<string, string>();
  session.on('Debugger.scriptParsed', (m) => scripts.set(m.params.scriptId, m.params.url));
  const key = `__flinkframe_locate_${process.pid}`;
  let url: string | undefined;
  try {
    // inspector calls answer synchronously on this thread
    session.post('Debugger.enable');
    (globalThis as Record<string, unknown>)[key] = fn;
    session.post('Runtime.evaluate', { expression: `globalThis.${key}` }, (error, evaluated) => {
      const objectId = evaluated?.result?.objectId;
      if (error || !objectId) return;
      session.post('Runtime.getProperties', { objectId }, (e, props) => {
        const location = (props?.internalProperties as Property[] | undefined)?.find((p) => p.name === '[[FunctionLocation]]');
        const id = location?.value?.value?.scriptId;
        if (!e && id) url = scripts.get(id);
      });
    });
  } finally {
    delete (globalThis as Record<string, unknown>)[key];
    session.post('Debugger.disable');
    session.disconnect();
  }
  if (!url) return undefined;
  const path = url.startsWith('file:') ? fileURLToPath(url) : isAbsolute(url) ? url : undefined;
  return path && existsSync(path) ? path : undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the module's text exports `name` (export function/const/class name, export { name }, export default name). */
export function exportsName(file: string, name: string): boolean {
  const text = readFileSync(file, 'utf8');
  const n = escapeRegExp(name);
  return [
    new RegExp(`\\bexport\\s+(default\\s+)?(async\\s+)?function\\s*\\*?\\s*${n}\\b`),
    new RegExp(`\\bexport\\s+(const|let|var|class)\\s+${n}\\b`),
    new RegExp(`\\bexport\\s*\\{[^}]*\\b${n}\\b[^}]*\\}`),
    new RegExp(`\\bexport\\s+default\\s+${n}\\s*;?\\s*$`, 'm'),
  ].some((r) => r.test(text));
}

/** The module that exports `fn` under its name, or undefined (a lambda, or a function its module does not export). */
export function exportingModule(fn: Function, options: { module?: string | URL; export?: string }): UdfModuleRef | undefined {
  const exportName = options.export ?? fn.name;
  if (!exportName) return undefined;
  const given = options.module;
  const file = given === undefined ? functionFile(fn) : given instanceof URL || /^file:/.test(given) ? fileURLToPath(given) : given;
  if (!file || !exportsName(file, exportName)) return undefined;
  return { file, exportName };
}
