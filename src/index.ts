/**
 * flinkframe: Arquero-style lazy dataframes that run on Apache Flink.
 *
 *   import * as ff from 'flinkframe';
 *   const t = ff.loadCSV('data/trips.csv').filter(d => d.fare > 0).groupby('zone').count();
 *   await t.print();
 *   await ff.close();
 */
import type { ColumnData } from './frame/sources/memory.js';
import type { LoadCSVOptions } from './frame/sources/csv-file.js';
import type { LoadJSONOptions } from './frame/sources/json-file.js';
import { Session } from './frame/session.js';
import type { Table } from './frame/table.js';
import type { Udf, UdfDefinition, UdfOptions } from './frame/udf.js';
import type { SessionOptions } from './runtime/session-options.js';

export { op, desc, escape, all, not, range, matches, startswith, endswith, rolling, bin, collate } from 'arquero';
export { Session } from './frame/session.js';
export { Table } from './frame/table.js';
export { FlinkFrameError } from './errors.js';
export { udf, Udf, type UdfOptions, type UdfDefinition } from './frame/udf.js';
export type { UdfOpenContext } from './runtime/udf-instance.js';
export { setExplainOnly } from './frame/explain-mode.js';
export type { HtmlDisplay } from './frame/display/notebook.js';
export type { SessionOptions } from './runtime/session-options.js';
export type { JobReport, MetricSummary } from './runtime/job-metrics.js';
export type { Field, Schema } from './translate/schema.js';
export type { LoadCSVOptions, LoadJSONOptions, ColumnData };

let current: Session | undefined;
let defaultOptions: SessionOptions = {};

/** The module-level functions' session: embedded, batch mode, started on first use. */
export function defaultSession(): Session {
  return (current ??= new Session(defaultOptions));
}

/**
 * Options for the default session (the CLI's `--parallelism`); they apply from its next start, so call this
 * before the first frame or after close().
 */
export function configureDefaultSession(options: SessionOptions): void {
  defaultOptions = { ...defaultOptions, ...options };
}

/** A session of its own: { mode: 'batch' | 'streaming', parallelism, config }. */
export function session(options: SessionOptions = {}): Session {
  return new Session(options);
}

export const table = (columns: ColumnData, names?: string[], options?: { types?: Record<string, string> }): Table =>
  defaultSession().table(columns, names, options);
export const from = (rows: Record<string, unknown>[], names?: string[], options?: { types?: Record<string, string> }): Table =>
  defaultSession().from(rows, names, options);
export const fromArrow = (arrow: unknown): Table => defaultSession().fromArrow(arrow);
export const fromCSV = (text: string, options?: Record<string, unknown>): Table => defaultSession().fromCSV(text, options);
export const loadCSV = (path: string, options?: LoadCSVOptions): Table => defaultSession().loadCSV(path, options);
export const loadJSON = (path: string, options?: LoadJSONOptions): Table => defaultSession().loadJSON(path, options);
export const loadParquet = (path: string, options?: { types?: Record<string, string> }): Table =>
  defaultSession().loadParquet(path, options);
export const loadText = (path: string): Table => defaultSession().loadText(path);
export const sql = (query: string): Table => defaultSession().sql(query);
export const register = (name: string, frame: Table): void => defaultSession().register(name, frame);
/** Arquero's addFunction: a UDF made with udf(fn, { returns }) becomes op.name(...) in lambdas. */
export const addFunction = (name: string, fn: Udf | UdfDefinition, options?: UdfOptions): void =>
  defaultSession().addFunction(name, fn, options);

/** The default session's last finished job: its id and its JavaScript UDFs' metrics (docs/udfs.md). */
export const lastJob = () => defaultSession().lastJob();

/** Stops the default session's Flink mini-cluster and removes its temporary files; the process can then exit. */
export async function close(): Promise<void> {
  const closing = current;
  current = undefined;
  await closing?.close();
}
