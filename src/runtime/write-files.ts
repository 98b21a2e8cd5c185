import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { FlinkFrameError } from '../errors.js';
import type { Schema } from '../translate/schema.js';
import { quoteIdent } from '../translate/sql-text.js';
import { createTableDdl, dropTableDdl } from './ddl.js';
import type { Engine } from './engine.js';

export type FileFormat = 'csv' | 'json' | 'parquet';

/** A path with one of these endings is written as one file; any other path becomes a folder of part files. */
const singleFileEndings: Record<FileFormat, string[]> = {
  csv: ['.csv', '.tsv', '.txt'],
  json: ['.json', '.jsonl', '.ndjson'],
  parquet: ['.parquet', '.pq'],
};

function formatOptions(format: FileFormat, options: Record<string, unknown>): Record<string, string> {
  if (format === 'csv') {
    return { format: 'csv', 'csv.field-delimiter': String(options.delimiter ?? ','), 'csv.null-literal': '' };
  }
  if (format === 'json') return { format: 'json', 'json.timestamp-format.standard': 'ISO-8601' };
  return { format: 'parquet' };
}

let sinks = 0;

/**
 * Writes a query's result with Flink's filesystem sink into a temporary sibling of `path`, and moves it into
 * place only when the job succeeded: a failed job leaves nothing at `path`.
 */
export async function writeFiles(
  engine: Engine,
  query: string,
  schema: Schema,
  path: string,
  format: FileFormat,
  options: Record<string, unknown>,
): Promise<void> {
  const target = resolve(path);
  const single = singleFileEndings[format].includes(extname(target).toLowerCase());
  mkdirSync(dirname(target), { recursive: true });
  const staging = `${target}.flinkframe-${process.pid}-${++sinks}.tmp`;
  const sink = `__ff_sink_${sinks}`;
  engine.execute(createTableDdl(sink, schema, {
    connector: 'filesystem',
    path: engine.fileUri(staging),
    ...formatOptions(format, options),
    ...(single ? { 'sink.parallelism': '1' } : {}),
  }));
  try {
    await engine.run(`INSERT INTO ${quoteIdent(sink)}\n${query}`, query);
    const parts = readdirSync(staging).filter((f) => !f.startsWith('.') && !f.startsWith('_')).sort();
    const header = format === 'csv' && options.header !== false
      ? schema.map((f) => f.name).join(String(options.delimiter ?? ',')) + '\n'
      : undefined;
    if (single) {
      if (format === 'parquet' && parts.length > 1) {
        throw new FlinkFrameError(`writeParquet: the result needed ${parts.length} files; write to a folder path instead of ${path}.`);
      }
      const assembled = `${staging}.file`;
      concatenate(parts.map((p) => join(staging, p)), assembled, header);
      rmSync(target, { recursive: true, force: true });
      renameSync(assembled, target);
    } else {
      if (header) for (const p of parts) prependHeader(join(staging, p), header);
      // A streaming job that restarted leaves its failed attempt's in-progress files (hidden): not results
      for (const f of readdirSync(staging)) if (!parts.includes(f)) rmSync(join(staging, f), { recursive: true, force: true });
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
    }
  } catch (e) {
    if (e instanceof FlinkFrameError) throw e;
    throw new FlinkFrameError(`Writing ${path} failed: ${(e as Error).message}`, { cause: e });
  } finally {
    engine.execute(dropTableDdl(sink));
    rmSync(staging, { recursive: true, force: true });
    rmSync(`${staging}.file`, { force: true });
  }
}

function concatenate(files: string[], out: string, header?: string): void {
  const fd = openSync(out, 'w');
  try {
    if (header) writeSync(fd, header);
    for (const file of files) writeSync(fd, readFileSync(file));
  } finally {
    closeSync(fd);
  }
}

function prependHeader(file: string, header: string): void {
  const withHeader = `${file}.h`;
  concatenate([file], withHeader, header);
  renameSync(withHeader, file);
}

