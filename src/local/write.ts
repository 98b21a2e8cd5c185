import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type * as aq from 'arquero';
import { FlinkFrameError } from '../errors.js';

export type LocalFileFormat = 'csv' | 'json' | 'parquet';

/** The same rule as the Flink engine's: these endings get one file, any other path a folder of part files. */
const singleFileEndings: Record<LocalFileFormat, string[]> = {
  csv: ['.csv', '.tsv', '.txt'],
  json: ['.json', '.jsonl', '.ndjson'],
  parquet: ['.parquet', '.pq'],
};

const jsonValue = (_: string, v: unknown) => (typeof v === 'bigint' ? Number(v) : v);

const encoders: Record<LocalFileFormat, (t: aq.ColumnTable, options: Record<string, unknown>) => string> = {
  // every line ends with a newline, as in the files Flink writes
  csv: (t, options) => {
    const text = t.toCSV({ delimiter: options.delimiter as string | undefined, header: options.header !== false });
    return text ? text + '\n' : text;
  },
  // newline-delimited JSON, as Flink's json format writes it
  json: (t) => (t.objects() as object[]).map((row) => JSON.stringify(row, jsonValue) + '\n').join(''),
  parquet: () => {
    throw new FlinkFrameError(
      'writeParquet: the local engine has no in-process Parquet writer; write CSV or JSON in tests, or use session({ engine: "flink" }) for Parquet.',
    );
  },
};

/**
 * Writes a result in-process: to a staging sibling first and then moved into place, so a failure leaves nothing
 * at `path` (as on Flink).
 */
export function writeLocal(table: aq.ColumnTable, path: string, format: LocalFileFormat, options: Record<string, unknown>): void {
  const text = encoders[format](table, options);
  const target = resolve(path);
  const single = singleFileEndings[format].includes(extname(target).toLowerCase());
  mkdirSync(dirname(target), { recursive: true });
  const staging = `${target}.flinkframe-${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  if (single) writeFileSync(staging, text);
  else {
    mkdirSync(staging);
    writeFileSync(join(staging, `part-0.${format}`), text);
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
}
