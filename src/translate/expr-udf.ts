/**
 * Calls of registered JavaScript UDFs (`op.add(d.a, d.b)` or `add(d.a, d.b)`). Flink cannot run them, so the
 * call is taken out of the expression: its arguments stay Flink SQL (computed before the UDF stage), the call
 * becomes a reference to a hidden column that a UDF stage fills, and the rest of the expression is SQL over it.
 */
import type { CallExpression, Node } from 'acorn';
import type { SqlExpr } from './expression.js';
import { exprError, snippet, type Ctx } from './expr-context.js';
import { baseType } from './expr-types.js';
import { quoteIdent } from './sql-text.js';

export type Visit = (node: Node, ctx: Ctx) => SqlExpr;

/** One UDF call taken out of an expression: the stage computes `column` from the arguments' SQL. */
export interface UdfCall {
  name: string;
  args: SqlExpr[];
  /** The arguments as the user wrote them (to name a failing row's values). */
  labels: string[];
  column: string;
  /** A function generated from a JavaScript part of the expression (expr-js.ts), not a registered UDF. */
  inline?: InlineUdf;
}

/** What a stage needs of a UDF: a registered one (src/frame/udf.ts) or one generated from a JavaScript part. */
export interface UdfDef {
  source: string;
  returns: string;
  vectorized: boolean;
  params: Record<string, unknown>;
  batchSize?: number;
  pipeline?: boolean;
}

/**
 * A generated function: vectorized, called with the batch's row count first, then one column per argument;
 * `arqueroOp` says it calls Arquero's op functions (the worker provides `op`).
 */
export interface InlineUdf extends UdfDef {
  generated: true;
  arqueroOp: boolean;
}

/** The registered UDFs an expression may call, and the calls found in it (filled in by the translator). */
export interface UdfScope {
  functions: ReadonlyMap<string, { returns: string }>;
  calls: UdfCall[];
}

/** Hidden columns (src/frame/frame-state.ts HIDDEN_PREFIX) that hold UDF arguments and results. */
export const UDF_COLUMN_PREFIX = '__ff_udf';
let calls = 0;

/** A fresh hidden column name for a call's result. */
export function udfColumn(): string {
  return `${UDF_COLUMN_PREFIX}${++calls}`;
}

function calleeName(node: CallExpression, ctx: Ctx): string | undefined {
  const callee = node.callee;
  if (callee.type === 'Identifier') {
    const shadowed = ctx.locals.has(callee.name) || ctx.parsed.columnAliases.has(callee.name) || ctx.parsed.paramAliases.has(callee.name);
    return shadowed ? undefined : callee.name;
  }
  // op.f(...), or ns.op.f(...) as in `aq.op.f` and tslab's rewrite of a notebook's top-level `op` to `exports.op`
  const object = callee.type === 'MemberExpression' ? callee.object : undefined;
  const isOp = (object?.type === 'Identifier' && object.name === 'op') ||
    (object?.type === 'MemberExpression' && !object.computed && object.property.type === 'Identifier' && object.property.name === 'op');
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && isOp) {
    return callee.property.name;
  }
  return undefined;
}

/** The SQL for a UDF call (a hidden column), or undefined when the call is not of a registered UDF. */
export function translateUdfCall(node: CallExpression, ctx: Ctx, visit: Visit): SqlExpr | undefined {
  const udfs = ctx.scope.udfs;
  const name = udfs && calleeName(node, ctx);
  if (!udfs || !name || !udfs.functions.has(name)) return undefined;
  // inside an aggregate too: the stage computes the per-row values before the aggregation reads them
  const args = node.arguments.map((arg) => {
    if (arg.type === 'SpreadElement') throw exprError(ctx, `passes a spread argument to the JavaScript UDF ${name}()`);
    const value = visit(arg, ctx);
    if (value.kind !== 'scalar') {
      throw exprError(ctx, `passes an aggregate or window value (${snippet(ctx, arg)}) to the JavaScript UDF ${name}(); derive it first and pass that column`);
    }
    return value;
  });
  const column = udfColumn();
  udfs.calls.push({ name, args, labels: node.arguments.map((a) => snippet(ctx, a)), column });
  return { sql: quoteIdent(column), type: baseType(udfs.functions.get(name)!.returns), kind: 'scalar', columns: [...new Set(args.flatMap((a) => a.columns))] };
}
