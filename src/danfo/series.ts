import { desc as descending } from 'arquero';
import { FlinkFrameError } from '../errors.js';
import type { Table } from '../frame/table.js';
import { checkDtype, danfoDtype } from './dtypes.js';
import { columnRef, literal } from './expr.js';
import { StrMethods } from './str.js';
import { registerUdf, type ApplyOptions } from './udf-call.js';
import { loadDanfo } from './danfo-module.js';
import { DataFrame } from './frame.js';

export type Operand = Series | number | string | boolean | null;

/** Danfo's asType as an expression: what each dtype's conversion is in Arquero's (JS) terms. */
const CONVERSIONS: Record<string, (e: string) => string> = {
  int32: (e) => `parseInt(${e})`,
  float32: (e) => `parseFloat(${e})`,
  string: (e) => `String(${e})`,
  boolean: (e) => `!!(${e})`,
};

/** Series aggregates (each runs one job) and the Arquero op that computes them. */
const REDUCTIONS = {
  sum: 'op.sum',
  mean: 'op.mean',
  median: 'op.median',
  min: 'op.min',
  max: 'op.max',
  std: 'op.stdev',
  var: 'op.variance',
  count: 'op.valid',
} as const;

/**
 * A lazy column: an expression over the rows of one frame (its `source`). Operations build bigger
 * expressions, so `df.x.gt(3).and(df.s.eq('a'))` is one Flink SQL condition. Materializers are async.
 */
export class Series {
  private dtypeCache?: string;

  constructor(
    /** The frame whose rows the expression reads. */
    readonly source: Table,
    /** An Arquero string expression over the row `d`. */
    readonly expr: string,
    readonly name: string,
  ) {}

  static column(table: Table, name: string): Series {
    return new Series(table, columnRef(name), name);
  }

  /** This Series as a one-column table (lazy). */
  toTable(): Table {
    return this.source.derive({ [this.name]: this.expr }, { drop: true });
  }

  /** The Danfo dtype ('int32', 'float32', 'string', 'boolean'); asks Flink's planner, runs no job. */
  get dtype(): string {
    return (this.dtypeCache ??= danfoDtype(this.flinkType()));
  }

  flinkType(): string {
    return this.toTable().schema()[0]!.type;
  }

  private with(expr: string, name = this.name): Series {
    return new Series(this.source, expr, name);
  }

  private operand(value: Operand | unknown, method: string): string {
    if (value instanceof Series) {
      if (value.source !== this.source) {
        throw new FlinkFrameError(
          `Series.${method}: "${this.name}" and "${value.name}" come from different frames; rows can only be paired within one frame ` +
            '(a flinkframe frame has no row positions). addColumn both to one frame, or merge the frames on a key first.',
        );
      }
      return value.expr;
    }
    return literal(value, `Series.${method}(${this.name})`);
  }

  private binary(symbol: string, other: Operand, method: string): Series {
    return this.with(`(${this.expr} ${symbol} ${this.operand(other, method)})`);
  }

  // ---- arithmetic (Arquero's: `/` is float division, `%` keeps the dividend's sign, null in → null out) ----
  add(other: Operand): Series { return this.binary('+', other, 'add'); }
  sub(other: Operand): Series { return this.binary('-', other, 'sub'); }
  mul(other: Operand): Series { return this.binary('*', other, 'mul'); }
  div(other: Operand): Series { return this.binary('/', other, 'div'); }
  mod(other: Operand): Series { return this.binary('%', other, 'mod'); }
  pow(other: Operand): Series { return this.binary('**', other, 'pow'); }

  // ---- comparisons: boolean Series for query() ----
  gt(other: Operand): Series { return this.binary('>', other, 'gt'); }
  lt(other: Operand): Series { return this.binary('<', other, 'lt'); }
  ge(other: Operand): Series { return this.binary('>=', other, 'ge'); }
  le(other: Operand): Series { return this.binary('<=', other, 'le'); }
  eq(other: Operand): Series { return this.binary('===', other, 'eq'); }
  ne(other: Operand): Series { return this.binary('!==', other, 'ne'); }
  and(other: Operand): Series { return this.binary('&&', other, 'and'); }
  or(other: Operand): Series { return this.binary('||', other, 'or'); }
  not(): Series { return this.with(`(!${this.expr})`); }

  // ---- missing values: null, and NaN in floating-point columns ----
  isNa(): Series {
    const nan = this.dtype === 'float32' ? ` || Number.isNaN(${this.expr})` : '';
    return this.with(`(${this.expr} === null${nan})`);
  }

  notNa(): Series {
    return this.with(`(!${this.isNa().expr})`);
  }

  fillNa(value: number | string | boolean): Series {
    if (value === null || value === undefined) throw new FlinkFrameError(`Series.fillNa(${this.name}): give the value to put in place of missing values.`);
    return this.with(`(${this.isNa().expr} ? ${literal(value, `fillNa(${this.name})`)} : ${this.expr})`);
  }

  abs(): Series {
    return this.with(`Math.abs(${this.expr})`);
  }

  /** Danfo rounds to dp decimals (default 1). */
  round(dp = 1): Series {
    const scale = 10 ** Math.max(0, Math.trunc(dp));
    return this.with(`(Math.round(${this.expr} * ${scale}) / ${scale})`);
  }

  asType(dtype: 'int32' | 'float32' | 'string' | 'boolean'): Series {
    const target = checkDtype(dtype, `asType(${this.name})`);
    // an integer column holds no NaN (a cast would make it 0): a NaN becomes null
    if (target === 'int32' && this.dtype === 'float32') return this.with(`(Number.isNaN(${this.expr}) ? null : parseInt(${this.expr}))`);
    return this.with(CONVERSIONS[target]!(this.expr));
  }

  /** Danfo's string methods: `s.str.toUpperCase()`, `s.str.len()`, ... */
  get str(): StrMethods {
    return new StrMethods(this, (expr) => this.with(expr));
  }

  /**
   * Danfo's map: an object maps values to new values (others are kept, as Danfo keeps them), a function
   * runs as a JavaScript UDF like apply.
   */
  map(mapping: Record<string, unknown> | Function, options: ApplyOptions = {}): Series {
    if (typeof mapping === 'function') return this.apply(mapping as (value: unknown) => unknown, options);
    if (!mapping || typeof mapping !== 'object') throw new FlinkFrameError(`Series.map(${this.name}): pass an object of value → new value, or a function.`);
    const numeric = this.dtype === 'int32' || this.dtype === 'float32';
    const key = (k: string) => literal(numeric ? Number(k) : this.dtype === 'boolean' ? k === 'true' : k, `map(${this.name})`);
    const cases = Object.entries(mapping).map(([k, v]) => `${this.expr} === ${key(k)} ? ${literal(v, `map(${this.name})`)} : `);
    return this.with(`(${cases.join('')}${this.expr})`);
  }

  /** Danfo's apply: fn runs once per value in a Node UDF worker; `returns` is its Flink SQL type (default: this Series' type). */
  apply(fn: (value: any) => unknown, options: ApplyOptions = {}): Series {
    const name = registerUdf(this.source, fn, options.returns ?? this.flinkType(), options.params, 'apply');
    return this.with(`op.${name}(${this.expr})`);
  }

  // ---- row selection (lazy) ----
  /** Some n values (the first n when sorted: sortValues first). */
  head(n = 5): Series {
    return Series.column(this.toTable().head(n), this.name);
  }

  sortValues(options: { ascending?: boolean } = {}): Series {
    const table = this.toTable();
    return Series.column(table.orderby(options.ascending === false ? descending(this.name) : this.name), this.name);
  }

  dropNa(): Series {
    return Series.column(this.toTable().filter(Series.column(this.toTable(), this.name).notNa().expr), this.name);
  }

  /** A one-column DataFrame. */
  toFrame(): DataFrame {
    return new DataFrame(this.toTable());
  }

  // ---- materializers (each runs one Flink job) ----
  async values(): Promise<unknown[]> {
    const rows = await this.toTable().objects();
    return rows.map((row) => row[this.name]);
  }

  private async reduce(op: (typeof REDUCTIONS)[keyof typeof REDUCTIONS]): Promise<number> {
    const [row] = await this.source.rollup({ v: `${op}(${this.expr})` }).objects();
    return row?.v as number;
  }

  sum(): Promise<number> { return this.reduce(REDUCTIONS.sum); }
  mean(): Promise<number> { return this.reduce(REDUCTIONS.mean); }
  median(): Promise<number> { return this.reduce(REDUCTIONS.median); }
  min(): Promise<number> { return this.reduce(REDUCTIONS.min); }
  max(): Promise<number> { return this.reduce(REDUCTIONS.max); }
  /** Sample standard deviation (n - 1), as Danfo's. */
  std(): Promise<number> { return this.reduce(REDUCTIONS.std); }
  var(): Promise<number> { return this.reduce(REDUCTIONS.var); }
  /** Values that are not null (or NaN). */
  count(): Promise<number> { return this.reduce(REDUCTIONS.count); }

  print(limit = 10): Promise<void> {
    return this.toTable().print(limit);
  }

  /** A danfojs-node Series with this one's values. */
  async toDanfo(): Promise<any> {
    const dfd = await loadDanfo();
    return new dfd.Series(await this.values(), { columns: [this.name] });
  }

  explain(): string {
    return this.toTable().explain();
  }

  toString(): string {
    return `flinkframe danfo Series "${this.name}" = ${this.expr} (lazy)`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
