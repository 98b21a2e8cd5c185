/* eslint-disable @typescript-eslint/no-explicit-any */
import { desc as descending } from 'arquero';
import type * as aq from 'arquero';
import { FlinkFrameError } from '../errors.js';
import type { Table } from '../frame/table.js';
import { preQuery } from '../frame/pre-query.js';
import { danfoDtype, type DanfoDtype } from './dtypes.js';
import { tableOf, type DataFrameOptions, type FrameData } from './frame-data.js';
import { literal } from './expr.js';
import { Series } from './series.js';
import { GroupBy } from './groupby.js';
import { describe } from './describe.js';
import { tail } from './tail.js';
import { registerUdf, rowFunction, type ApplyOptions } from './udf-call.js';
import { toDanfo } from './convert.js';

export type { DataFrameOptions } from './frame-data.js';

/** `df.x` and `df['x']` are df.column('x') when x is a column and not a DataFrame member. */
const columnAccess: ProxyHandler<DataFrame> = {
  get(target, prop, receiver) {
    if (typeof prop !== 'string' || prop in target) return Reflect.get(target, prop, receiver);
    return target.columns.includes(prop) ? target.column(prop) : undefined;
  },
};

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * A lazy DataFrame with Danfo.js's names, over a flinkframe Table: every method records plan steps and returns
 * a new DataFrame; the materializers (print, toDanfo, toCSV, values, shape) are async and run Flink jobs.
 * Frames are immutable: Danfo's `{ inplace: true }` is refused (assign the result instead).
 */
export class DataFrame {
  /** Columns by name: `df.x` / `df['x']` (a Series); `df.column('x')` is the typed form. */
  [column: string]: any;

  readonly table!: Table;
  readonly indexColumn?: string;

  constructor(data: FrameData, options: DataFrameOptions = {}) {
    this.table = tableOf(data, options);
    if (options.index !== undefined) this.indexColumn = options.index;
    return new Proxy(this, columnAccess);
  }

  private next(table: Table, index = this.indexColumn): DataFrame {
    return new DataFrame(table, index === undefined ? {} : { index });
  }

  private noInplace(options: { inplace?: boolean } | undefined, method: string): void {
    if (options?.inplace) {
      throw new FlinkFrameError(`${method}: { inplace: true } is not supported; flinkframe frames are immutable: df = df.${method}(...) instead.`);
    }
  }

  private assertColumns(names: string[], method: string): void {
    const known = this.columns;
    const missing = names.filter((n) => !known.includes(n));
    if (missing.length) {
      throw new FlinkFrameError(`${method}: no column ${missing.map((m) => `"${m}"`).join(', ')}; the columns are ${known.map((k) => `"${k}"`).join(', ')}.`);
    }
  }

  // ---- schema (sync: Flink's planner answers, no job) ----

  get columns(): string[] {
    return this.table.columnNames();
  }

  /** Danfo dtypes: 'int32', 'float32', 'string', 'boolean' (other Flink types keep their Flink name). */
  get dtypes(): string[] {
    return this.table.schema().map((f) => danfoDtype(f.type));
  }

  /** The Flink SQL types of the columns. */
  schema() {
    return this.table.schema();
  }

  /** The number of rows and columns, as a promise: counting rows runs a job (Danfo's `shape` is a property). */
  async shape(): Promise<[number, number]> {
    return [await this.table.numRows(), this.columns.length];
  }

  column(name: string): Series {
    this.assertColumns([name], 'column');
    return Series.column(this.table, name);
  }

  // ---- verbs (lazy) ----

  /** Rows where the boolean Series is true (one SQL filter). A null condition drops the row. */
  query(condition: Series, options?: { inplace?: boolean }): DataFrame {
    this.noInplace(options, 'query');
    if (!(condition instanceof Series)) {
      throw new FlinkFrameError('query: pass a boolean Series of this frame, e.g. df.query(df.x.gt(3).and(df.s.eq("a"))); boolean arrays pair values by position, which flinkframe frames do not have.');
    }
    if (condition.source !== this.table) throw new FlinkFrameError(`query: the condition "${condition.name}" is a Series of another frame; build it from this frame's columns.`);
    return this.next(this.table.filter(condition.expr));
  }

  /** A new or replaced column: a Series of this frame or a constant. */
  addColumn(name: string, values: Series | number | string | boolean | null, options?: { inplace?: boolean }): DataFrame {
    this.noInplace(options, 'addColumn');
    let expr: string;
    if (values instanceof Series) {
      if (values.source !== this.table) {
        throw new FlinkFrameError(`addColumn("${name}"): the Series "${values.name}" comes from another frame; rows pair only within one frame (merge the frames on a key first).`);
      }
      expr = values.expr;
    } else {
      expr = literal(values, `addColumn("${name}")`);
    }
    return this.next(this.table.derive({ [name]: expr }));
  }

  drop(options: { columns?: string | string[]; index?: unknown; inplace?: boolean }): DataFrame {
    this.noInplace(options, 'drop');
    if (options?.index !== undefined) throw new FlinkFrameError('drop: dropping rows by index needs row positions, which flinkframe frames do not have; use query(...) to keep rows by a condition.');
    const dropped = asList(options?.columns);
    if (!dropped.length) throw new FlinkFrameError('drop: give the columns to drop: drop({ columns: ["a", "b"] }).');
    this.assertColumns(dropped, 'drop');
    return this.next(this.table.select(this.columns.filter((c) => !dropped.includes(c))));
  }

  rename(mapper: Record<string, string>, options?: { axis?: number; inplace?: boolean }): DataFrame {
    this.noInplace(options, 'rename');
    if (options?.axis === 0) throw new FlinkFrameError('rename: axis 0 renames index labels, and flinkframe frames have no index; rename columns (axis 1).');
    this.assertColumns(Object.keys(mapper), 'rename');
    return this.next(this.table.rename(mapper));
  }

  asType(column: string, dtype: DanfoDtype, options?: { inplace?: boolean }): DataFrame {
    this.noInplace(options, 'asType');
    return this.addColumn(column, this.column(column).asType(dtype));
  }

  /**
   * Missing values (null, and NaN in float columns) replaced: with `columns`, values[i] goes to columns[i]
   * (or one value to all of them); without, the value goes to every column of its kind (a number to numeric
   * columns, a string to string columns), since a SQL column holds one type.
   */
  fillNa(values: unknown, options: { columns?: string[]; inplace?: boolean } = {}): DataFrame {
    this.noInplace(options, 'fillNa');
    const list = Array.isArray(values) ? values : [values];
    let targets: [string, unknown][];
    if (options.columns) {
      this.assertColumns(options.columns, 'fillNa');
      if (list.length !== 1 && list.length !== options.columns.length) {
        throw new FlinkFrameError(`fillNa: ${list.length} values for ${options.columns.length} columns; give one value, or one per column.`);
      }
      targets = options.columns.map((c, i) => [c, list.length === 1 ? list[0] : list[i]]);
    } else {
      const value = list[0];
      const kind = typeof value === 'number' ? ['int32', 'float32'] : typeof value === 'string' ? ['string'] : typeof value === 'boolean' ? ['boolean'] : [];
      targets = this.columns.filter((_, i) => kind.includes(this.dtypes[i]!)).map((c) => [c, value]);
    }
    const derived = Object.fromEntries(targets.map(([c, v]) => [c, this.column(c).fillNa(v as never).expr]));
    return Object.keys(derived).length ? this.next(this.table.derive(derived)) : this;
  }

  /**
   * Danfo's axes: axis 1 (the default) drops rows with a missing value; axis 0 drops columns with one, which
   * needs the data: a pre-query (a job, run now) counts the missing values per column.
   */
  dropNa(options: { axis?: 0 | 1; inplace?: boolean } = {}): DataFrame {
    this.noInplace(options, 'dropNa');
    const axis = options.axis ?? 1;
    const missing = this.columns.map((c) => this.column(c).isNa().expr);
    if (axis === 1) return this.next(this.table.filter(missing.map((m) => `!${m}`).join(' && ') || 'true'));
    if (axis !== 0) throw new FlinkFrameError(`dropNa: axis must be 0 (columns) or 1 (rows), not ${String(axis)}.`);
    const counts = Object.fromEntries(missing.map((m, i) => [`c${i}`, `op.sum(${m} ? 1 : 0)`]));
    const [row] = preQuery(this.table.rollup(counts), 'dropNa({ axis: 0 })');
    const kept = this.columns.filter((_, i) => !Number(row?.[`c${i}`] ?? 0));
    if (!kept.length) throw new FlinkFrameError('dropNa({ axis: 0 }): every column has a missing value, and a frame needs a column; fillNa(...) some first.');
    return this.next(this.table.select(kept));
  }

  /** Each value replaced by whether it is missing. */
  isNa(): DataFrame {
    const derived = Object.fromEntries(this.columns.map((c) => [c, this.column(c).isNa().expr]));
    return this.next(this.table.derive(derived, { drop: true }));
  }

  groupby(columns: string[] | string): GroupBy {
    const keys = asList(columns);
    this.assertColumns(keys, 'groupby');
    return new GroupBy(this, keys);
  }

  sortValues(by: string | string[], options: { ascending?: boolean | boolean[]; inplace?: boolean } = {}): DataFrame {
    this.noInplace(options, 'sortValues');
    const keys = asList(by);
    this.assertColumns(keys, 'sortValues');
    const ascending = (i: number) => (Array.isArray(options.ascending) ? options.ascending[i] : options.ascending) !== false;
    return this.next(this.table.orderby(...keys.map((k, i) => (ascending(i) ? k : descending(k)))));
  }

  /** The first n rows in the frame's order (sortValues first): without an order, some n rows. */
  head(n = 5): DataFrame {
    return this.next(this.table.head(n));
  }

  /** The last n rows in the frame's order; refused without one (Flink keeps no input order). */
  tail(n = 5): DataFrame {
    return this.next(tail(this.table, n));
  }

  /** Danfo's summary of the numeric columns: count, mean, std, min, median, max, variance (rows, in that order). */
  describe(): DataFrame {
    const { table, index } = describe(this.table, this.columns.filter((_, i) => ['int32', 'float32'].includes(this.dtypes[i]!)));
    return this.next(table, index);
  }

  /** Columns by name, and rows by a boolean Series (Danfo's loc without row labels). */
  loc(options: { rows?: Series; columns?: string[] }): DataFrame {
    let frame: DataFrame = this;
    if (options.rows !== undefined) frame = frame.query(options.rows);
    if (options.columns) {
      this.assertColumns(options.columns, 'loc');
      frame = frame.next(frame.table.select(options.columns));
    }
    return frame;
  }

  /** Refused: positions need an order Flink does not keep. */
  iloc(): never {
    throw new FlinkFrameError('iloc: selects by row position, and flinkframe frames have no row positions; use query(...) or sortValues(...).head(n).');
  }

  /**
   * Danfo's apply along rows (axis 1): fn gets the row's values as an array and runs as a JavaScript UDF in a
   * Node worker; `returns` is its Flink SQL type (default DOUBLE).
   */
  apply(fn: (row: any[]) => unknown, options: ApplyOptions & { axis?: 0 | 1 } = {}): Series {
    if (options.axis === 0) {
      throw new FlinkFrameError('apply: axis 0 calls the function with whole columns, which a distributed frame never holds in one place; use groupby().agg(...) or describe() for per-column summaries.');
    }
    const name = registerUdf(this.table, rowFunction(fn, 'apply'), options.returns ?? 'DOUBLE', options.params, 'apply');
    const args = this.columns.map((c) => this.column(c).expr).join(', ');
    return new Series(this.table, `op.${name}(${args})`, 'apply');
  }

  // ---- materializers (async: each runs one Flink job) ----

  print(limit = 10): Promise<void> {
    return this.table.print(limit);
  }

  /** Rows as objects (in the frame's order, if sorted). */
  objects(): Promise<Record<string, unknown>[]> {
    return this.table.objects();
  }

  /** Rows as arrays of values, Danfo's `values`. */
  async values(): Promise<unknown[][]> {
    const names = this.columns;
    return (await this.objects()).map((row) => names.map((n) => row[n]));
  }

  /** An Arquero table of the result. */
  collect(): Promise<aq.ColumnTable> {
    return this.table.collect();
  }

  /** A danfojs-node DataFrame with the result (loads danfojs-node on first use). */
  toDanfo(): Promise<any> {
    return toDanfo(this);
  }

  /** Without a path, the CSV text; with one, Flink writes it there (a .csv path is one file, any other a folder). */
  toCSV(path?: string, options: { delimiter?: string; header?: boolean } = {}): Promise<string | void> {
    return path === undefined ? this.table.toCSV(options) : this.table.writeCSV(path, options);
  }

  explain(): string {
    return this.table.explain();
  }

  toString(): string {
    return `flinkframe danfo DataFrame [${this.table.schema().map((f) => `${f.name}: ${danfoDtype(f.type)}`).join(', ')}] (lazy)`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
