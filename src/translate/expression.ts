/**
 * Arquero expressions → Flink SQL text with result types. An expression is what a user passes to a verb for
 * one output: a lambda (`d => d.a * 2`, `(d, $) => d.x > $.lo`), a string (`'d.a + 1'`) or an op object
 * (`op.mean('x')`). Anything with no Flink SQL form is refused with an error that names it.
 */
import { FlinkFrameError } from '../errors.js';
import type { Schema } from './schema.js';
import type { UdfScope } from './expr-udf.js';
import type { Ctx } from './expr-context.js';
import { exprError } from './expr-context.js';
import { typedNull } from './expr-literal.js';
import { parseExpr, ParseFailure } from './expr-parse.js';
import { condition, visit } from './expr-translate.js';
import { isNull } from './expr-types.js';

/**
 * How an expression must be placed in a query: per row ('scalar'), per group in an aggregation
 * ('aggregate'), or per row with aggregates over a window ('window': only when the scope has `over`;
 * window functions cannot go into WHERE, so a filter needs a subquery).
 */
export type ExprKind = 'scalar' | 'aggregate' | 'window';

export interface SqlExpr {
  sql: string;
  /** Flink SQL type name of the result ('BIGINT', 'INT', 'DOUBLE', 'STRING', 'BOOLEAN', 'TIMESTAMP(3)', ...), without NOT NULL. */
  type: string;
  kind: ExprKind;
  /** Input columns read, in order of first reading. */
  columns: string[];
  /** The JS value, when the expression is a literal or a param (known before the query runs). */
  value?: unknown;
  /**
   * A SQL condition, true where the value does not exist: Arquero's `undefined` (the missing side of an outer
   * join, lag before the first row), which SQL can only give as NULL. JS arithmetic on it is NaN, not null.
   */
  absent?: string;
}

export interface ExprScope {
  schema: Schema;
  params: Record<string, unknown>;
  /** The verb, for error messages: 'derive', 'filter', 'rollup', ... */
  verb: string;
  /**
   * Set where aggregates are computed per row (Arquero's derive or filter with op.mean(...) etc.): each
   * aggregate becomes `AGG(...) OVER (<over>)`, e.g. over = 'PARTITION BY `g`', or '' for the whole table.
   */
  over?: string;
  /**
   * Set where window functions are allowed (derive and filter): the table's partitions (its groups), its
   * row order and the rolling frame, from which each window function builds its OVER clause.
   */
  window?: WindowScope;
  /**
   * Set for a join predicate or join value, a lambda over two rows `(a, b) => a.k === b.k`: the first reads
   * `schema` as columns of the alias l, the second reads `right` as columns of the alias r; a third is the params.
   */
  join?: { right: Schema; absent?: JoinAbsence };
  /** Registered JavaScript UDFs, and where the calls of them found in the expression are collected (expr-udf.ts). */
  udfs?: UdfScope;
}

/** Per side of an outer join, the SQL condition that holds where that side has no row (join-presence.ts). */
export interface JoinAbsence {
  left?: string;
  right?: string;
}

/** What a window function's OVER clause is made of (src/translate/window-clause.ts builds it). */
export interface WindowScope {
  /** Group-by column names: the partitions. */
  partition: readonly string[];
  /** The table's sort keys (column names, visible or hidden); empty for an unordered table. */
  order: readonly { column: string; desc: boolean }[];
  /** Keys after `order` that fix the position of tied rows (the row ordinal) but make no ties for ranks. */
  tiebreak?: readonly { column: string; desc: boolean }[];
  /** A rolling() frame: rows before and after the current one (null = unbounded), and whether peers widen it. */
  frame?: { before: number | null; after: number | null; peers: boolean };
  /**
   * Window values other window values read (SQL allows no window function inside another, e.g. the row
   * numbers nth_value compares): SQL -> hidden column. The translator adds them (window-clause.ts stepColumn)
   * and the verb computes them in a step before its own (src/frame/window-pre-steps.ts).
   */
  before?: Map<string, string>;
  /**
   * Every window value goes into a step column: set for an expression that mixes window orders (rank() sees the
   * sort keys, lag() the sort keys and the row ordinal), which Flink 2.3 cannot plan in one projection.
   */
  hoist?: boolean;
}

/** The result type a bare null gets: a column needs a type, and JS null has none. */
const NULL_RESULT_TYPE = 'STRING';

function context(value: unknown, scope: ExprScope, name?: string): Ctx {
  const subject = name === undefined ? 'predicate' : `expression for "${name}"`;
  try {
    return { scope, name, parsed: parseExpr(value, scope.join ? 2 : 1), locals: new Map(), rowColumns: new Set(), inAggregate: false };
  } catch (e) {
    if (e instanceof ParseFailure) throw new FlinkFrameError(`${scope.verb}: ${subject} ${e.message}`);
    throw e;
  }
}

/** Aggregating and reading row values at once needs a window; Arquero's rollup refuses it too. */
function checkAggregation(result: SqlExpr, ctx: Ctx): SqlExpr {
  if (result.kind === 'aggregate' && ctx.rowColumns.size > 0) {
    const [first] = ctx.rowColumns;
    throw exprError(ctx, `reads the column "${first}" outside an aggregate function while also aggregating; read columns only inside op.* aggregates (or derive per-row values first)`);
  }
  return result;
}

/** The Flink SQL for one output of a verb: `name` is the output column (for errors). */
export function translateExpr(name: string, value: unknown, scope: ExprScope): SqlExpr {
  const ctx = context(value, scope, name);
  const result = checkAggregation(visit(ctx.parsed.body, ctx), ctx);
  return isNull(result.type) ? { ...typedNull(NULL_RESULT_TYPE), kind: result.kind } : result;
}

/**
 * The Flink SQL condition for a filter: true where JS would find the value truthy. Rows where it is NULL
 * are dropped, as JS drops null.
 */
export function translatePredicate(value: unknown, scope: ExprScope): SqlExpr {
  const ctx = context(value, scope);
  return checkAggregation(condition(ctx.parsed.body, ctx), ctx);
}
