import { createInterface } from 'node:readline';
import { extname } from 'node:path';
import * as ff from '../index.js';

/** A file given as `--file name=path`, loaded by its extension. */
function loadFile(spec: string): [string, ff.Table] {
  const eq = spec.indexOf('=');
  if (eq < 1) throw new Error(`flinkframe sql: --file wants name=path, got "${spec}"`);
  const [name, path] = [spec.slice(0, eq), spec.slice(eq + 1)];
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return [name, ff.loadCSV(path)];
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') return [name, ff.loadJSON(path)];
  if (ext === '.parquet') return [name, ff.loadParquet(path)];
  throw new Error(`flinkframe sql: cannot tell the format of "${path}": use a .csv, .json (one object a line) or .parquet file`);
}

const HELP = 'Statements end with ";". Commands: .tables (registered files and their columns), .help, .quit';

/**
 * An interactive Flink SQL shell over files registered by name. Each statement's result prints as a text
 * table. Reading a script from a pipe works too; then any failed statement makes the exit code 1.
 */
export async function sqlShell(files: string[], options: { parallelism?: number; limit?: number }): Promise<number> {
  if (options.parallelism !== undefined) ff.configureDefaultSession({ parallelism: options.parallelism });
  const tables = files.map(loadFile);
  for (const [name, table] of tables) ff.register(name, table);

  const interactive = Boolean(process.stdin.isTTY);
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  const prompt = (continued: boolean) => {
    if (interactive) {
      lines.setPrompt(continued ? '      -> ' : 'flinkframe> ');
      lines.prompt();
    }
  };
  if (interactive) console.log(`flinkframe SQL on Flink. ${HELP}`);

  let failures = 0;
  let pending = '';
  const run = async (statement: string) => {
    try {
      await ff.sql(statement).print({ limit: options.limit ?? 20 });
    } catch (error) {
      failures++;
      console.log(`error: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  prompt(false);
  for await (const line of lines) {
    const command = line.trim();
    if (!pending && command.startsWith('.')) {
      if (command === '.quit' || command === '.exit') break;
      if (command === '.tables') for (const [name, t] of tables) console.log(`${name}: ${t.schema().map((f) => `${f.name} ${f.type}`).join(', ')}`);
      else console.log(HELP);
    } else if (command) {
      pending += (pending ? '\n' : '') + line;
      if (command.endsWith(';')) {
        const statement = pending.trim().replace(/;+$/, '');
        pending = '';
        if (statement) await run(statement);
      }
    }
    prompt(pending !== '');
  }
  if (pending.trim()) await run(pending.trim()); // a last statement without ";"
  lines.close();
  await ff.close();
  return failures ? 1 : 0;
}
