/** The CLI's command line: a command, its positional arguments, and `--name value` options (repeatable). */
export interface CliArgs {
  readonly command: string | undefined;
  readonly positional: string[];
  readonly options: Map<string, string[]>;
}

import { DEPENDENCY_OPTIONS } from './dependency-options.js';

/** The options the CLI itself takes; any other argument after the job's path is the job's own. */
const CLI_OPTIONS = new Set(['parallelism', 'file', 'cluster', ...DEPENDENCY_OPTIONS]);

export function parseArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') {
      positional.push(...rest.slice(i + 1)); // everything after -- is the job's
      break;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!arg.startsWith('--') || (positional.length > 0 && !CLI_OPTIONS.has(name))) {
      positional.push(arg);
      continue;
    }
    if (!CLI_OPTIONS.has(name)) throw new Error(`flinkframe: unknown option --${name}`);
    const value = inline ?? rest[++i];
    if (value === undefined) throw new Error(`flinkframe: --${name} needs a value`);
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { command, positional, options };
}

/** A whole positive number option, or undefined when absent. */
export function intOption(args: CliArgs, name: string): number | undefined {
  const value = args.options.get(name)?.at(-1);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`flinkframe: --${name} must be a whole number ≥ 1, got "${value}"`);
  return n;
}
