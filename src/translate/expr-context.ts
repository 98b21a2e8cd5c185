/** What the translator knows while it walks one expression, and the errors it raises about it. */
import type { Node } from 'acorn';
import { FlinkFrameError } from '../errors.js';
import type { ExprScope } from './expression.js';
import type { ParsedExpr } from './expr-parse.js';

export interface Ctx {
  readonly scope: ExprScope;
  /** The output being computed; undefined for a filter predicate. */
  readonly name?: string;
  readonly parsed: ParsedExpr;
  /** `const` declarations of a block body: their values, translated where they are used. */
  readonly locals: Map<string, Node>;
  /** Columns read outside any aggregate: with aggregates, they need a window or are an error. */
  readonly rowColumns: Set<string>;
  /** True while translating an aggregate's arguments (aggregates do not nest). */
  inAggregate: boolean;
  /** True while a JavaScript part tries its subexpressions as SQL: no nested JavaScript part then (expr-js.ts). */
  sqlOnly?: boolean;
}

/** JS with no Flink SQL form: where the scope allows it, the translator runs it as JavaScript (expr-js.ts). */
export class NoTranslation extends FlinkFrameError {}

/** Uses a local's value; inside it the name is not a local (`const y = y + 1` must not loop). */
export function useLocal<T>(ctx: Ctx, name: string, use: (init: Node) => T): T {
  const init = ctx.locals.get(name)!;
  ctx.locals.delete(name);
  try {
    return use(init);
  } finally {
    ctx.locals.set(name, init);
  }
}

/** The user's text of a node, to quote in errors. */
export function snippet(ctx: Ctx, node: Node): string {
  const { source, offset } = ctx.parsed;
  return source.slice(node.start - offset, node.end - offset);
}

/** An error about this expression: the verb, the output, what is wrong, and the whole expression. */
export function exprError(ctx: Ctx, detail: string): FlinkFrameError {
  const subject = ctx.name === undefined ? 'predicate' : `expression for "${ctx.name}"`;
  return new FlinkFrameError(`${ctx.scope.verb}: ${subject} ${detail}. Expression: ${ctx.parsed.source}`);
}

/** The error for JS that has no Flink SQL form (a JS UDF runtime will take these later). */
export function noTranslation(ctx: Ctx, node: Node, what: string): FlinkFrameError {
  return new NoTranslation(exprError(ctx, `uses ${what} (${snippet(ctx, node)}), which has no Flink SQL translation`).message);
}

/** A name that is neither a column, a param nor a local: a closure variable, which cannot travel to Flink. */
export function closureError(ctx: Ctx, name: string): FlinkFrameError {
  return exprError(ctx, `reads the variable "${name}", which is not a column or parameter. Lambdas run on Flink, not in this process, so closures are not available: pass the value with table.params({ ${name}: ... }) and read it as $.${name}`);
}
