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
import type { DatagenOptions } from './frame/sources/datagen.js';
import type { KafkaOptions } from './frame/sources/kafka.js';

export { op, desc, escape, all, not, range, matches, startswith, endswith, rolling, bin, collate } from 'arquero';
export { Session } from './frame/session.js';
export { Table } from './frame/table.js';
export { FlinkFrameError } from './errors.js';
export { udf, Udf, type UdfOptions, type UdfDefinition } from './frame/udf.js';
export type { UdfOpenContext } from './runtime/udf-instance.js';
export type { BoundArg, UdfChainLink, UdfForm, UdfLaunch, UdfModuleRef, UdfRuntimeContext, UdfWorkerSpec } from './runtime/udf-spec.js';
export type { Counter, Distribution, Meter } from './runtime/udf-metrics.js';
export { setExplainOnly } from './frame/explain-mode.js';
export { bar, line, scatter, type ChartOptions, type VegaLiteSpec } from './frame/plot/chart-specs.js';
export { Plot } from './frame/plot/plot.js';
export { tumble, hop, cumulate, sessionWindow } from './frame/windows.js';
export type { WindowSpec } from './translate/window-tvf.js';
export type { Change, StreamOptions } from './frame/stream.js';
export type { ChangeKind } from './runtime/stream-results.js';
export type { DatagenField, DatagenOptions } from './frame/sources/datagen.js';
export type { StreamingSourceOptions, WatermarkOption } from './frame/sources/streaming-options.js';
export type { PlotOptions } from './frame/plot/plot-frame.js';
export type { JobProgress, ProgressListener } from './runtime/job-progress.js';
export type { JdbcTarget } from './runtime/write-jdbc.js';
export type { KafkaOptions } from './frame/sources/kafka.js';
export type { HtmlDisplay } from './frame/display/notebook.js';
export type { SessionOptions, EngineKind } from './runtime/session-options.js';
export type { JobReport, MetricSummary } from './runtime/job-metrics.js';
export type { Field, Schema } from './translate/schema.js';
export type { LoadCSVOptions, LoadJSONOptions, ColumnData };
export type { JoinOn, JoinValues } from './frame/table.js';
export type { ExprObject, OrderKeyValue, RowFunction, Selection, TableExpr } from './frame/verb-args.js';
export type { DeriveOptions } from './frame/verbs/derive.js';
export type { FoldOptions } from './frame/verbs/fold.js';
export type { ImputeOptions } from './frame/verbs/impute.js';
export type { JoinOptions } from './frame/verbs/join.js';
export type { PivotOptions } from './frame/verbs/pivot.js';
export type { RelocateOptions } from './frame/verbs/relocate.js';
export type { SampleOptions } from './frame/verbs/sample.js';
export type { SpreadOptions } from './frame/verbs/spread.js';
export type { UnrollOptions } from './frame/verbs/unroll.js';
/** Danfo.js names (docs/danfo.md): danfo.DataFrame, danfo.Series, danfo.readCSV, danfo.merge, ... */
export * as danfo from './danfo/index.js';
export { DataFrame as DanfoDataFrame, Series as DanfoSeries, readCSV as readDanfoCSV, fromDanfo } from './danfo/index.js';

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

/** A session of its own: { mode: 'batch' | 'streaming', parallelism, config, engine: 'flink' | 'local' }. */
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
export const loadKafka = (options: KafkaOptions): Table => defaultSession().loadKafka(options);
export const datagen = (options: DatagenOptions): Table => defaultSession().datagen(options);
export const loadText = (path: string): Table => defaultSession().loadText(path);
export const sql = (query: string): Table => defaultSession().sql(query);
export const register = (name: string, frame: Table): void => defaultSession().register(name, frame);
/** Arquero's addFunction: a UDF made with udf(fn, { returns }) becomes op.name(...) in lambdas. */
export const addFunction = (name: string, fn: Udf | UdfDefinition, options?: UdfOptions): void =>
  defaultSession().addFunction(name, fn, options);

/** What the default session's jobs ship for UDFs (docs/udfs.md, Dependencies). */
export const addFiles = (...paths: (string | string[])[]): Session => defaultSession().addFiles(...paths);
export const addNodeModules = (pathOrTgz: string): Session => defaultSession().addNodeModules(pathOrTgz);
export const nodeExecutable = (path: string): Session => defaultSession().nodeExecutable(path);
export const addJars = (...paths: (string | string[])[]): Session => defaultSession().addJars(...paths);
/** The default session's last finished job: its id and its JavaScript UDFs' metrics (docs/udfs.md). */
export const lastJob = () => defaultSession().lastJob();

/** Stops the default session's Flink mini-cluster and removes its temporary files; the process can then exit. */
export async function close(): Promise<void> {
  const closing = current;
  current = undefined;
  await closing?.close();
}
