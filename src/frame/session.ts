import { FlinkFrameError } from '../errors.js';
import { Engine } from '../runtime/engine.js';
import type { SessionOptions } from '../runtime/session-options.js';
import type { JobReport } from '../runtime/job-metrics.js';
import { toSql } from '../translate/plan-sql.js';
import type { Schema } from '../translate/schema.js';
import { quoteIdent } from '../translate/sql-text.js';
import { inputsOf, type PlanNode, type SourceNode, type UdfStageNode } from '../translate/plan.js';
import { Table } from './table.js';
import { checkFunctionName, toUdf } from './udf-registry.js';
import { registerSqlFunctions } from './udf-sql.js';
import type { Udf, UdfDefinition, UdfOptions } from './udf.js';
import { memorySource, type ColumnData } from './sources/memory.js';
import { arrowSource } from './sources/arrow.js';
import { csvTextSource } from './sources/csv-text.js';
import { csvFileSource, type LoadCSVOptions } from './sources/csv-file.js';
import { jsonFileSource, type LoadJSONOptions } from './sources/json-file.js';
import { parquetFileSource } from './sources/parquet-file.js';
import { textFileSource } from './sources/text-file.js';

/**
 * A flinkframe session: the factory of frames and the owner of one Flink engine (the embedded mini-cluster),
 * which starts when a frame first needs Flink (a schema to resolve or a job to run).
 */
export class Session {
  private started?: Engine;
  private readonly schemas = new WeakMap<PlanNode, Schema>();
  private readonly registered = new WeakSet<SourceNode | UdfStageNode>();
  private sources = 0;

  constructor(readonly options: SessionOptions = {}) {}

  /** JavaScript UDFs by name, callable as op.name(...) in this session's derive and filter lambdas. */
  readonly functions = new Map<string, Udf>();

  /** Arquero's addFunction: makes a UDF (made with udf()) callable as op.name(...) in lambdas. */
  addFunction(name: string, fn: Udf | UdfDefinition, options?: UdfOptions): void {
    this.functions.set(checkFunctionName(name), toUdf(name, fn, options));
  }

  get engine(): Engine {
    if (this.started?.isClosed) throw new FlinkFrameError('flinkframe: this session is closed; start a new one with session().');
    return (this.started ??= new Engine(this.options));
  }

  /** A fresh name for a source table in Flink's catalog. */
  sourceName(kind: string): string {
    return `__ff_${kind}_${++this.sources}`;
  }

  /** Makes every source the plan reads known to Flink (once each). */
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

  schemaOf(node: PlanNode): Schema {
    if (node.kind === 'source') return node.schema;
    let schema = this.schemas.get(node);
    if (!schema) {
      this.prepare(node);
      schema = this.engine.schemaOf(toSql(node));
      this.schemas.set(node, schema);
    }
    return schema;
  }

  frame(node: PlanNode): Table {
    return new Table({ session: this, node, groups: [], order: [], params: {} });
  }

  /** A frame over a SQL query whose inputs are the given plans (already prepared before the query runs). */
  query(sql: string, inputs: PlanNode[], label: string): Table {
    return this.frame({ kind: 'query', sql, inputs, label });
  }

  // ---- sources ----

  /** Arquero's table(): named columns (arrays or typed arrays). Column types can be given as Flink SQL types. */
  table(columns: ColumnData, names?: string[], options: { types?: Record<string, string> } = {}): Table {
    return this.frame(memorySource(this, columns, names, options.types));
  }

  /** Arquero's from(): an array of row objects. */
  from(rows: Record<string, unknown>[], names?: string[], options: { types?: Record<string, string> } = {}): Table {
    const keys = names ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const columns = Object.fromEntries(keys.map((k) => [k, rows.map((r) => r[k] ?? null)]));
    return this.frame(memorySource(this, columns, undefined, options.types));
  }

  /** An Arrow table (apache-arrow or flechette) or Arrow IPC bytes. */
  fromArrow(arrow: unknown): Table {
    return this.frame(arrowSource(this, arrow));
  }

  /** CSV text already in memory, parsed by Arquero. */
  fromCSV(text: string, options: Record<string, unknown> = {}): Table {
    return this.frame(csvTextSource(this, text, options));
  }

  loadCSV(path: string, options: LoadCSVOptions = {}): Table {
    return this.frame(csvFileSource(this, path, options));
  }

  loadJSON(path: string, options: LoadJSONOptions = {}): Table {
    return this.frame(jsonFileSource(this, path, options));
  }

  loadParquet(path: string, options: { types?: Record<string, string> } = {}): Table {
    return this.frame(parquetFileSource(this, path, options));
  }

  /** A text file as one STRING column `line`, a row per line. */
  loadText(path: string): Table {
    return this.frame(textFileSource(this, path));
  }

  /** A frame over Flink SQL; it may read frames registered with register(). */
  sql(query: string): Table {
    if (this.functions.size) registerSqlFunctions(this); // JavaScript UDFs callable by name
    return this.query(query, [], `sql(${JSON.stringify(query.length > 60 ? query.slice(0, 57) + '...' : query)})`);
  }

  /** Makes a frame visible to sql() under a name (a temporary view of its plan). */
  register(name: string, table: Table): void {
    this.prepare(table.state.node);
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
