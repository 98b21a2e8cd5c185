import type * as aq from 'arquero';
import type { Table as ArrowTable } from 'apache-arrow';
import type { Schema } from '../translate/schema.js';
import type { ExprScope } from '../translate/expression.js';
import { isHidden, type FrameState } from './frame-state.js';
import type { ColumnLookup } from './selection.js';
import type { ExprObject, OrderKeyValue, Selection, TableExpr } from './verb-args.js';
import { filter } from './verbs/filter.js';
import { derive, type DeriveOptions } from './verbs/derive.js';
import { select } from './verbs/select.js';
import { rename } from './verbs/rename.js';
import { relocate, type RelocateOptions } from './verbs/relocate.js';
import { groupby, ungroup } from './verbs/groupby.js';
import { window } from './verbs/window.js';
import { stream, type Change, type StreamOptions } from './stream.js';
import type { RecordBatch } from 'apache-arrow';
import type { WindowSpec } from '../translate/window-tvf.js';
import { rollup, count } from './verbs/rollup.js';
import { orderby, unorder } from './verbs/orderby.js';
import { slice } from './verbs/slice.js';
import { dedupe } from './verbs/dedupe.js';
import { join, type JoinOptions } from './verbs/join.js';
import { concat, union } from './verbs/concat.js';
import { unroll, type UnrollOptions } from './verbs/unroll.js';
import { semijoin, antijoin } from './verbs/join-filter.js';
import { cross } from './verbs/cross.js';
import { lookup } from './verbs/lookup.js';
import { intersect } from './verbs/intersect.js';
import { except } from './verbs/except.js';
import { fold, type FoldOptions } from './verbs/fold.js';
import { pivot, type PivotOptions } from './verbs/pivot.js';
import { spread, type SpreadOptions } from './verbs/spread.js';
import { impute, type ImputeOptions } from './verbs/impute.js';
import { sample, type SampleOptions } from './verbs/sample.js';
import { assign } from './verbs/assign.js';
import { reduce } from './verbs/reduce.js';
import * as materialize from './materialize.js';
import type { JdbcTarget } from '../runtime/write-jdbc.js';
import type { KafkaOptions } from './sources/kafka.js';
import { explain } from './explain.js';
import type { HtmlDisplay } from './display/notebook.js';
import type { VegaLiteSpec } from './plot/chart-specs.js';
import type { Plot } from './plot/plot.js';
import { plotFrame, type PlotOptions } from './plot/plot-frame.js';

/**
 * A lazy table with Arquero's verbs. Each verb checks its arguments against the schema, records a plan step
 * and returns a new Table; nothing runs on Flink until a materializer (objects, collect, print, write...) is awaited.
 */
export type JoinOn = string | string[] | [string[], string[]] | TableExpr;
export type JoinValues = [Selection, Selection?, ExprObject?];

export class Table implements ColumnLookup {
  /** @internal */
  constructor(readonly state: FrameState) {}

  /** A new Table with some of this one's state replaced. @internal */
  with(changes: Partial<FrameState>): Table {
    return new Table({ ...this.state, ...changes });
  }

  // ---- schema (sync: resolved by Flink's planner, no job) ----

  /** All columns, including hidden order keys. @internal */
  fullSchema(): Schema {
    return this.state.session.schemaOf(this.state.node);
  }

  schema(): Schema {
    return this.fullSchema().filter((f) => !isHidden(f.name));
  }

  columnNames(filter?: (name: string) => boolean): string[] {
    const names = this.schema().map((f) => f.name);
    return filter ? names.filter(filter) : names;
  }

  columnIndex(name: string): number {
    return this.columnNames().indexOf(name);
  }

  columnName(index: number): string | undefined {
    return this.columnNames()[index];
  }

  numCols(): number {
    return this.schema().length;
  }

  isGrouped(): boolean {
    return this.state.groups.length > 0;
  }

  isOrdered(): boolean {
    return this.state.order.length > 0;
  }

  groups(): readonly string[] {
    return this.state.groups;
  }

  /** The scope expressions of a verb are translated in. @internal */
  scope(verb: string): ExprScope {
    const node = this.state.node;
    // a source column with no values (sources/memory.ts) reads as NULL: typed nulls in any op
    const untyped = node.kind === 'source' && node.untyped ? new Set(node.untyped) : undefined;
    const schema = untyped ? this.schema().map((f) => (untyped.has(f.name) ? { ...f, type: 'NULL' } : f)) : this.schema();
    return { schema, params: { ...this.state.params }, verb };
  }

  // ---- verbs ----

  params(values: Record<string, unknown>): Table {
    return this.with({ params: { ...this.state.params, ...values } });
  }

  filter(predicate: TableExpr): Table {
    return filter(this, predicate);
  }

  derive(values: ExprObject, options?: DeriveOptions): Table {
    return derive(this, values, options);
  }

  select(...columns: Selection[]): Table {
    return select(this, columns);
  }

  rename(...columns: Selection[]): Table {
    return rename(this, columns);
  }

  relocate(columns: Selection, options: RelocateOptions): Table {
    return relocate(this, columns, options);
  }

  groupby(...keys: (Selection | ExprObject | TableExpr)[]): Table {
    return groupby(this, keys);
  }

  /** Event-time windows: window(tumble('ts', '1 minute')), then rollup (per window) or groupby(...).rollup. */
  window(spec: WindowSpec): Table {
    return window(this, spec);
  }

  ungroup(): Table {
    return ungroup(this);
  }

  rollup(values: ExprObject = {}): Table {
    return rollup(this, values);
  }

  /**
   * Arquero's reduce with a reducer object (init/add/write): the table is collected at the call (a pre-query)
   * and the reducer runs in this process; its output is an in-memory table (see verbs/reduce.ts).
   */
  reduce(reducer: object): Table {
    return reduce(this, reducer);
  }

  count(options: { as?: string } = {}): Table {
    return count(this, options);
  }

  orderby(...keys: OrderKeyValue[]): Table {
    return orderby(this, keys);
  }

  unorder(): Table {
    return unorder(this);
  }

  slice(start = 0, end?: number): Table {
    return slice(this, start, end);
  }

  /** The first n rows (in the table's order, if it has one): a LIMIT pushed down to Flink. */
  head(n = 5): Table {
    return slice(this, 0, n);
  }

  dedupe(...keys: Selection[]): Table {
    return dedupe(this, keys);
  }

  join(other: Table, on?: JoinOn, values?: JoinValues, options?: JoinOptions): Table {
    return join(this, other, on, values, { ...options, how: 'inner' });
  }

  join_left(other: Table, on?: JoinOn, values?: JoinValues, options?: JoinOptions): Table {
    return join(this, other, on, values, { ...options, how: 'left' });
  }

  join_right(other: Table, on?: JoinOn, values?: JoinValues, options?: JoinOptions): Table {
    return join(this, other, on, values, { ...options, how: 'right' });
  }

  join_full(other: Table, on?: JoinOn, values?: JoinValues, options?: JoinOptions): Table {
    return join(this, other, on, values, { ...options, how: 'full' });
  }

  concat(...others: (Table | Table[])[]): Table {
    return concat(this, others.flat());
  }

  union(...others: (Table | Table[])[]): Table {
    return union(this, others.flat());
  }

  /** One row per element of an array column (options: limit, index, drop). */
  unroll(values: Selection, options?: UnrollOptions): Table {
    return unroll(this, values, options);
  }

  /** The rows of this table with a match in the other (on keys or a two-row predicate). */
  semijoin(other: Table, on?: JoinOn): Table {
    return semijoin(this, other, on);
  }

  /** The rows of this table with no match in the other. */
  antijoin(other: Table, on?: JoinOn): Table {
    return antijoin(this, other, on);
  }

  cross(other: Table, values?: JoinValues, options?: JoinOptions): Table {
    return cross(this, other, values, options);
  }

  /** Values of the other table's matching row added to each row (null where none matches). */
  lookup(other: Table, on?: JoinOn, ...values: Selection[]): Table {
    return lookup(this, other, on, values);
  }

  intersect(...others: (Table | Table[])[]): Table {
    return intersect(this, others.flat());
  }

  except(...others: (Table | Table[])[]): Table {
    return except(this, others.flat());
  }

  /** Columns to rows of (key, value). */
  fold(values: Selection, options?: FoldOptions): Table {
    return fold(this, values, options);
  }

  /** Key values to columns; runs a pre-query for the distinct keys. */
  pivot(on: Selection, values: Selection | ExprObject, options?: PivotOptions): Table {
    return pivot(this, on, values, options);
  }

  /** Array elements to columns; runs a pre-query for the longest array. */
  spread(values: Selection, options?: SpreadOptions): Table {
    return spread(this, values, options);
  }

  impute(values: ExprObject | null, options?: ImputeOptions): Table {
    return impute(this, values, options);
  }

  /**
   * Random rows: `size` per group, or a per-group size such as frac(0.5); `{ weight }` (a column or an
   * expression) and `{ replace: true }` as in Arquero. Drawn with Flink's RAND(), not Arquero's seeded generator.
   */
  sample(size: number | string | TableExpr, options?: SampleOptions): Table {
    return sample(this, size, options);
  }

  /** Refused: Flink tables have no row positions to pair rows by (see verbs/assign.ts). */
  assign(...others: unknown[]): Table {
    return assign(this, others);
  }

  // ---- materializers (async: each runs one Flink job) ----

  /**
   * The query's changes as they happen (insert, update_before, update_after, delete), for unbounded sources in
   * a streaming session; `{ arrow: true }` yields Arrow record batches instead. Breaking out cancels the job.
   */
  stream(options: StreamOptions & { arrow: true }): AsyncGenerator<RecordBatch>;
  stream(options?: StreamOptions): AsyncGenerator<Change>;
  stream(options: StreamOptions = {}): AsyncGenerator<Change | RecordBatch> {
    return stream(this, options);
  }

  collect(): Promise<aq.ColumnTable> {
    return materialize.collect(this);
  }

  objects(options: { limit?: number; offset?: number; columns?: unknown } = {}): Promise<Record<string, unknown>[]> {
    return materialize.objects(this, options);
  }

  numRows(): Promise<number> {
    return materialize.numRows(this);
  }

  toArrow(): Promise<ArrowTable> {
    return materialize.toArrow(this);
  }

  toCSV(options: Record<string, unknown> = {}): Promise<string> {
    return materialize.toCSV(this, options);
  }

  print(options: { limit?: number } | number = {}): Promise<void> {
    return materialize.print(this, typeof options === 'number' ? { limit: options } : options);
  }

  /** In a tslab notebook an HTML table (schema, row count, first rows); elsewhere the text table of print(). */
  display(options: { limit?: number; display?: HtmlDisplay } | number = {}): Promise<void> {
    return materialize.display(this, typeof options === 'number' ? { limit: options } : options);
  }

  writeCSV(path: string, options: { delimiter?: string; header?: boolean } = {}): Promise<void> {
    return materialize.write(this, path, 'csv', options);
  }

  writeJSON(path: string): Promise<void> {
    return materialize.write(this, path, 'json', {});
  }

  writeParquet(path: string): Promise<void> {
    return materialize.write(this, path, 'parquet', {});
  }

  /** Appends the rows to a Kafka topic, one message per row (JSON by default). */
  writeKafka(target: Pick<KafkaOptions, 'topic' | 'bootstrapServers' | 'format' | 'properties'>): Promise<void> {
    return materialize.writeKafka(this, target);
  }

  /** Writes the rows into an existing database table: appended, or upserted when `keys` are given. */
  writeJDBC(target: JdbcTarget): Promise<void> {
    return materialize.writeJdbc(this, target);
  }

  /** Runs the frame and draws it with a Vega-Lite spec (or ff.bar / ff.line / ff.scatter) as SVG. */
  plot(spec: VegaLiteSpec, options: PlotOptions = {}): Promise<Plot> {
    return plotFrame(this, spec, options);
  }

  /** The logical plan, the generated Flink SQL and Flink's own optimized plan. */
  explain(): string {
    return explain(this);
  }

  /** A one-line summary: printing a frame never runs a job. */
  toString(): string {
    const cols = this.schema().map((f) => `${f.name}: ${f.type}`).join(', ');
    return `flinkframe Table [${cols}]${this.isGrouped() ? ` grouped by ${this.state.groups.join(', ')}` : ''} (lazy)`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
