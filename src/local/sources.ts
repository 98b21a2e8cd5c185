import * as aq from 'arquero';
import { Table as ApacheArrowTable, tableToIPC } from 'apache-arrow';
import { FlinkFrameError } from '../errors.js';
import { dataFiles, lines, readText } from './files.js';
import { readParquetSync } from './parquet-read.js';

type Args = unknown[];
type Options = Record<string, unknown>;

/** Arquero's own CSV reading; a column given a STRING type stays text, as Flink reads it. */
function loadCSV(path: string, options: Options = {}): aq.ColumnTable {
  const types = (options.types ?? {}) as Record<string, string>;
  const text = Object.entries(types).filter(([, t]) => /^(STRING|VARCHAR|CHAR)/i.test(t));
  const csvOptions = {
    delimiter: options.delimiter as string | undefined,
    header: (options.header as boolean | undefined) ?? true,
    ...(options.names ? { names: options.names as string[] } : {}),
    ...(text.length ? { parse: Object.fromEntries(text.map(([name]) => [name, (v: string) => v])) } : {}),
  };
  const parts = dataFiles(path).map((file) => aq.fromCSV(readText(file), csvOptions));
  return parts.length > 1 ? parts[0]!.concat(...parts.slice(1)) : parts[0]!;
}

/** Newline-delimited JSON, one object per line, as Flink's json format reads it. */
function loadJSON(path: string, options: Options = {}): aq.ColumnTable {
  const rows: Record<string, unknown>[] = [];
  for (const file of dataFiles(path)) {
    lines(readText(file)).forEach((line, i) => {
      if (!line.trim()) return;
      try {
        rows.push(JSON.parse(line));
      } catch {
        if (!options.skipInvalid) throw new FlinkFrameError(`loadJSON: malformed JSON at ${file} line ${i + 1}. Fix the line, or pass { skipInvalid: true }.`);
      }
    });
  }
  return aq.from(rows);
}

function fromArrow(arrow: unknown): aq.ColumnTable {
  const input = arrow instanceof ApacheArrowTable ? tableToIPC(arrow, 'stream') : arrow instanceof ArrayBuffer ? new Uint8Array(arrow) : arrow;
  return aq.fromArrow(input as Parameters<typeof aq.fromArrow>[0]);
}

/** Each source a session offers, read in-process by Arquero (files with its loaders, Parquet with hyparquet). */
export const SOURCE_STEPS: Record<string, (args: Args) => aq.ColumnTable> = {
  table: ([columns, names]) => aq.table(columns as never, names as string[] | undefined),
  from: ([rows, names]) => aq.from(rows as object[], names as string[] | undefined),
  fromArrow: ([arrow]) => fromArrow(arrow),
  fromCSV: ([text, options]) => aq.fromCSV(text as string, (options ?? {}) as Options),
  loadCSV: ([path, options]) => loadCSV(path as string, options as Options),
  loadJSON: ([path, options]) => loadJSON(path as string, options as Options),
  loadParquet: ([path]) => {
    const parts = dataFiles(path as string).map(readParquetSync);
    return parts.length > 1 ? parts[0]!.concat(...parts.slice(1)) : parts[0]!;
  },
  loadText: ([path]) => aq.table({ line: dataFiles(path as string).flatMap((file) => lines(readText(file))) }),
};
