import { FlinkFrameError } from '../errors.js';
import { Engine } from '../runtime/engine.js';
import type { SessionOptions } from '../runtime/session-options.js';
import { UdfDependencies } from '../runtime/udf-dependencies.js';
import type { JobReport } from '../runtime/job-metrics.js';
import { toSql } from '../translate/plan-sql.js';
import { schemaFromInput } from '../translate/plan-schema.js';
import type { Schema } from '../translate/schema.js';
import { quoteIdent } from '../translate/sql-text.js';
import { inputsOf, type PlanNode, type SourceNode, type UdfStageNode } from '../translate/plan.js';
import { progressFor } from './display/progress-view.js';
import { Table } from './table.js';
import { ROW_ORDINAL } from './frame-state.js';
import { checkFunctionName, toUdf } from './udf-registry.js';
import { registerSqlFunctions } from './udf-sql.js';
import { tablesRead } from './tables-read.js';
import type { Udf, UdfDefinition, UdfOptions } from './udf.js';
import { memorySource, type ColumnData } from './sources/memory.js';
import { arrowSource } from './sources/arrow.js';
import { csvTextSource } from './sources/csv-text.js';
import { csvFileSource, type LoadCSVOptions } from './sources/csv-file.js';
import { jsonFileSource, type LoadJSONOptions } from './sources/json-file.js';
import { parquetFileSource } from './sources/parquet-file.js';
import { textFileSource } from './sources/text-file.js';
import { datagenSource, type DatagenOptions } from './sources/datagen.js';
import { kafkaSource, type KafkaOptions } from './sources/kafka.js';
import { engineKind } from '../runtime/engine-kind.js';
import type { EngineKind } from '../runtime/session-options.js';
import { LocalTable } from './local-table.js';
import { checkedInput } from './sources/file-path.js';

/**
 * A flinkframe session: the factory of frames and the owner of one Flink engine (the embedded mini-cluster),
 * which starts when a frame first needs Flink (a schema to resolve or a job to run).
 */
export class Session {
  private started?: Engine;
  private readonly schemas = new WeakMap<PlanNode, Schema>();
  private readonly registered = new WeakSet<SourceNode | UdfStageNode>();
  /**
   * The plan registered under each name: what a query naming it reads (Flink resolves a view's names when a query
   * runs, so a name registered again leaves the earlier plan unread, and its tables to be released).
   */
  private readonly views = new Map<string, PlanNode>();
  private sources = 0;

  /** 'local' replays frames on Arquero in this process (src/local); 'flink' runs them on Flink. */
  readonly engineKind: EngineKind;

  constructor(readonly options: SessionOptions = {}) {
    this.engineKind = engineKind(options);
  }

  get isLocal(): boolean {
    return this.engineKind === 'local';
  }

  /** A local-engine source: the call as the user made it, replayed on Arquero. */
  private localSource(step: string, args: unknown[], label: string): Table {
    const table = new LocalTable({ session: this, node: { kind: 'arquero', step, args, inputs: [], label }, groups: [], order: [], ordinal: [], params: {} });
    table.result(); // read now: a bad file or bad data fails at the call, as on Flink
    return table;
  }

  /** sql() and register() need Flink's SQL engine. */
  private refuseOnLocal(what: string): void {
    if (this.isLocal) {
      throw new FlinkFrameError(
        `${what}: SQL needs the Flink engine, and this session runs on the local engine (Arquero in-process). ` +
          "Use session({ engine: 'flink' }) (or unset FLINKFRAME_ENGINE=local) for SQL, or express the query with verbs.",
      );
    }
  }

  /** JavaScript UDFs by name, callable as op.name(...) in this session's derive and filter lambdas. */
  readonly functions = new Map<string, Udf>();

  /** Arquero's addFunction: makes a UDF (made with udf()) callable as op.name(...) in lambdas. */
  addFunction(name: string, fn: Udf | UdfDefinition, options?: UdfOptions): void {
    this.functions.set(checkFunctionName(name), toUdf(name, fn, options));
  }

  /** @internal */
  get engine(): Engine {
    if (this.isLocal) throw new FlinkFrameError("flinkframe: a local-engine session has no Flink engine; this needs session({ engine: 'flink' }).");
    if (this.started?.isClosed) throw new FlinkFrameError('flinkframe: this session is closed; start a new one with session().');
    return (this.started ??= new Engine(this.options, this.dependencies, progressFor(this.options)));
  }

  // ---- what the jobs ship for UDFs (docs/udfs.md, Dependencies) ----

  private deps?: UdfDependencies;

  /** Files, node_modules, Node executable and jars this session's jobs ship (from the options, then the calls below). */
  get dependencies(): UdfDependencies {
    return (this.deps ??= new UdfDependencies(this.options));
  }

  /** Files UDFs read: each is in the worker's working directory under its base name (process.env.FLINKFRAME_UDF_DIR). */
  addFiles(...paths: (string | string[])[]): this {
    this.dependencies.addFiles(paths.flat());
    return this;
  }

  /** A node_modules folder or a .tgz of one: UDF modules import packages from this shipped copy. */
  addNodeModules(pathOrTgz: string): this {
    this.dependencies.addNodeModules(pathOrTgz);
    return this;
  }

  /** The Node executable where tasks run (default: this process's in embedded mode, else `node` on the PATH). */
  nodeExecutable(path: string): this {
    this.dependencies.nodeExecutable(path);
    return this;
  }

  /** Jars of Java functions for sql() (CREATE TEMPORARY FUNCTION f AS 'Class'), shipped with every job. */
  addJars(...paths: (string | string[])[]): this {
    const added = this.dependencies.addJars(paths.flat());
    if (this.started && !this.started.isClosed) this.started.addJars(added);
    return this;
  }

  /** A fresh name for a source table in Flink's catalog. @internal */
  sourceName(kind: string): string {
    return `__ff_${kind}_${++this.sources}`;
  }

  /** Makes every source the plan reads known to Flink (once each). @internal */
  prepare(node: PlanNode): void {
    if (node.kind === 'source') {
      if (!this.registered.has(node)) {
        node.register();
        this.registered.add(node);
      }
      return;
    }
    for (const child of inputsOf(node)) this.prepare(child);
    // a UDF stage is a view over its input's SQL: registered after the input, once
    if (node.kind === 'udf' && !this.registered.has(node)) {
      node.register();
      this.registered.add(node);
    }
  }

  /** The Flink tables a plan reads, counting those behind the registered names its SQL mentions. @internal */
  tablesRead(node: PlanNode): Set<string> {
    return tablesRead(node, this.views);
  }

  /** @internal */
  schemaOf(node: PlanNode): Schema {
    if (node.kind === 'source') return node.schema;
    let schema = this.schemas.get(node);
    if (!schema) {
      schema = schemaFromInput(node, (input) => this.schemaOf(input)) ?? this.plannedSchema(node);
      this.schemas.set(node, schema);
    }
    return schema;
  }

  private plannedSchema(node: PlanNode): Schema {
    this.prepare(node);
    return this.engine.schemaOf(toSql(node));
  }

  frame(node: PlanNode): Table {
    const ordinal = node.kind === 'source' && node.schema.some((f) => f.name === ROW_ORDINAL) ? [ROW_ORDINAL] : [];
    const state = { session: this, node, groups: [], order: [], ordinal, params: {} };
    return this.isLocal ? new LocalTable(state) : new Table(state);
  }

  /** A frame over a SQL query whose inputs are the given plans (already prepared before the query runs). */
  query(sql: string, inputs: PlanNode[], label: string): Table {
    return this.frame({ kind: 'query', sql, inputs, label });
  }

  // ---- sources ----

  /** Arquero's table(): named columns (arrays or typed arrays). Column types can be given as Flink SQL types. */
  table(columns: ColumnData, names?: string[], options: { types?: Record<string, string> } = {}): Table {
    if (this.isLocal) return this.localSource('table', [columns, names], 'table()');
    return this.frame(memorySource(this, columns, names, options.types));
  }

  /** Arquero's from(): an array of row objects. */
  from(rows: Record<string, unknown>[], names?: string[], options: { types?: Record<string, string> } = {}): Table {
    if (this.isLocal) return this.localSource('from', [rows, names], 'from()');
    const keys = names ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const columns = Object.fromEntries(keys.map((k) => [k, rows.map((r) => r[k] ?? null)]));
    return this.frame(memorySource(this, columns, undefined, options.types));
  }

  /** An Arrow table (apache-arrow or flechette) or Arrow IPC bytes. */
  fromArrow(arrow: unknown): Table {
    if (this.isLocal) return this.localSource('fromArrow', [arrow], 'fromArrow()');
    return this.frame(arrowSource(this, arrow));
  }

  /** CSV text already in memory, parsed by Arquero. */
  fromCSV(text: string, options: Record<string, unknown> = {}): Table {
    if (this.isLocal) return this.localSource('fromCSV', [text, options], 'fromCSV()');
    return this.frame(csvTextSource(this, text, options));
  }

  loadCSV(path: string, options: LoadCSVOptions = {}): Table {
    if (this.isLocal) return this.localSource('loadCSV', [checkedInput(path, 'loadCSV').absolute, options], `loadCSV(${JSON.stringify(path)})`);
    return this.frame(csvFileSource(this, path, options));
  }

  loadJSON(path: string, options: LoadJSONOptions = {}): Table {
    if (this.isLocal) return this.localSource('loadJSON', [checkedInput(path, 'loadJSON').absolute, options], `loadJSON(${JSON.stringify(path)})`);
    return this.frame(jsonFileSource(this, path, options));
  }

  loadParquet(path: string, options: { types?: Record<string, string> } = {}): Table {
    if (this.isLocal) return this.localSource('loadParquet', [checkedInput(path, 'loadParquet').absolute, options], `loadParquet(${JSON.stringify(path)})`);
    return this.frame(parquetFileSource(this, path, options));
  }

  /** A Kafka topic (Flink's kafka connector): unbounded; read it with stream() or a limit. */
  loadKafka(options: KafkaOptions): Table {
    return this.frame(kafkaSource(this, options));
  }

  /** Flink's datagen connector: generated rows for tests and demos; unbounded unless `rows` is given. */
  datagen(options: DatagenOptions): Table {
    return this.frame(datagenSource(this, options));
  }

  /** A text file as one STRING column `line`, a row per line. */
  loadText(path: string): Table {
    if (this.isLocal) return this.localSource('loadText', [checkedInput(path, 'loadText').absolute], `loadText(${JSON.stringify(path)})`);
    return this.frame(textFileSource(this, path));
  }

  /** A frame over Flink SQL; it may read frames registered with register(). */
  sql(query: string): Table {
    this.refuseOnLocal('sql()');
    if (this.functions.size) registerSqlFunctions(this); // JavaScript UDFs callable by name
    return this.query(query, [], `sql(${JSON.stringify(query.length > 60 ? query.slice(0, 57) + '...' : query)})`);
  }

  /** Makes a frame visible to sql() under a name (a temporary view of its plan). */
  register(name: string, table: Table): void {
    this.refuseOnLocal(`register(${JSON.stringify(name)})`);
    this.prepare(table.state.node);
    this.views.set(name, table.state.node);
    const columns = table.columnNames().map(quoteIdent).join(', ');
    const view = `SELECT ${columns} FROM (${toSql(table.state.node)}) AS t`;
    // Flink refuses CREATE OR REPLACE for a temporary view that exists: re-registering a name replaces it.
    this.engine.execute(`DROP TEMPORARY VIEW IF EXISTS ${quoteIdent(name)}`);
    this.engine.execute(`CREATE TEMPORARY VIEW ${quoteIdent(name)} AS ${view}`);
  }

  /**
   * The job that finished last in this session: its Flink job id and the final metrics its JavaScript UDFs
   * registered in open(ctx), by UDF name then metric name (docs/udfs.md). Undefined before the first job.
   */
  lastJob(): JobReport | undefined {
    return this.started && !this.started.isClosed ? this.started.lastJob() : undefined;
  }

  async close(): Promise<void> {
    await this.started?.close();
  }
}
