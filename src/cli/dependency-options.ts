/**
 * The CLI's options for what jobs ship to the machines that run UDFs (PyFlink's -pyfs, -pyarch, -pyexec, --jarfile):
 *   --files a.csv,b.json   files UDFs read from their working directory (repeatable, comma-separated)
 *   --node-modules path    a node_modules folder or .tgz that UDF modules import packages from
 *   --node path            the Node executable where tasks run
 *   --jars x.jar,y.jar     jars of Java functions for SQL (repeatable, comma-separated)
 */
import type { DependencyOptions } from '../runtime/udf-dependencies.js';
import type { CliArgs } from './args.js';

export const DEPENDENCY_OPTIONS = ['files', 'node-modules', 'node', 'jars'];

function list(args: CliArgs, name: string): string[] | undefined {
  const values = args.options.get(name)?.flatMap((v) => v.split(',')).filter(Boolean);
  return values?.length ? values : undefined;
}

export function dependencyOptions(args: CliArgs): DependencyOptions {
  const options: DependencyOptions = {};
  const files = list(args, 'files');
  const jars = list(args, 'jars');
  const nodeModules = args.options.get('node-modules')?.at(-1);
  const node = args.options.get('node')?.at(-1);
  if (files) options.files = files;
  if (jars) options.jars = jars;
  if (nodeModules) options.nodeModules = nodeModules;
  if (node) options.node = node;
  return options;
}
