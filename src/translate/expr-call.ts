/**
 * Function calls: `op.name(...)` (or a bare `name(...)`, as Arquero allows), `Math.name(...)`, a few JS
 * globals, and JS methods on values (`d.s.toUpperCase()`), each looked up in the op registry and filled in.
 */
import type { CallExpression, Node } from 'acorn';
import type { SqlExpr } from './expression.js';
import { exprError, noTranslation, NoTranslation, snippet, type Ctx } from './expr-context.js';
import { canRunAsJs } from './js-ops.js';
import { asArg, KIND_NAMES } from './expr-coerce.js';
import { constantOf } from './expr-constant.js';
import { sqlLiteral } from './expr-literal.js';
import { comparable } from './expr-operators.js';
import { combine } from './expr-sql.js';
import { baseType, commonType, familyOf } from './expr-types.js';
import { fill, GLOBAL_FUNCTIONS, METHODS, NoSqlForm, OPS, UNTRANSLATED, type OpDef } from './op-registry.js';
import { aggregateOver, FrameNotExpressible, overClause as windowOver, stepColumn, type WindowPlaceholder } from './window-clause.js';
import { NoWindowForm, validOnly } from './window-ops.js';
import { translateRecode } from './expr-recode.js';
import { translateUdfCall } from './expr-udf.js';

export type Visit = (node: Node, ctx: Ctx) => SqlExpr;

interface Target {
  label: string;
  def: OpDef;
  /** The value a method is called on; it becomes the first argument. */
  receiver?: Node;
}

function opNamed(name: string, label: string, ctx: Ctx, node: Node): OpDef {
  if (Object.hasOwn(OPS, name)) return OPS[name];
  if (Object.hasOwn(UNTRANSLATED, name)) {
    const error = exprError(ctx, `calls ${label} (${snippet(ctx, node)}), which ${UNTRANSLATED[name]}`);
    // Arquero's own implementation runs it in a JavaScript part where the scope allows one (expr-js.ts)
    throw canRunAsJs(name) ? new NoTranslation(error.message) : error;
  }
  throw noTranslation(ctx, node, `the function ${label}`);
}

const byName = (entry: string | OpDef, label: string, ctx: Ctx, node: Node) =>
  typeof entry === 'string' ? opNamed(entry, label, ctx, node) : entry;

const nameOf = (node: Node) => (node.type === 'Identifier' ? (node as Node & { name: string }).name : undefined);

/** What a callee names: an op, a Math function, a JS global, or a method of the value before the dot. */
function target(node: CallExpression, ctx: Ctx): Target {
  const callee = node.callee;
  const name = nameOf(callee);
  if (name !== undefined) {
    if (ctx.locals.has(name) || ctx.parsed.columnAliases.has(name) || ctx.parsed.paramAliases.has(name)) {
      throw noTranslation(ctx, node, 'a call of a value');
    }
    const label = `${name}()`;
    return { label, def: byName(Object.hasOwn(GLOBAL_FUNCTIONS, name) ? GLOBAL_FUNCTIONS[name] : name, label, ctx, node) };
  }
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') {
    throw noTranslation(ctx, node, 'a computed function call');
  }
  const method = callee.property.name;
  const object = callee.object;
  const objectName = nameOf(object);
  const isOp = objectName === 'op' || (object.type === 'MemberExpression' && nameOf(object.property) === 'op');
  if (isOp) return { label: `op.${method}()`, def: opNamed(method, `op.${method}()`, ctx, node) };
  if (objectName === 'Math' || objectName === 'Number') {
    const key = `${objectName}.${method}`;
    const label = `${key}()`;
    if (Object.hasOwn(GLOBAL_FUNCTIONS, key)) return { label, def: byName(GLOBAL_FUNCTIONS[key], label, ctx, node) };
    if (objectName === 'Math' && typeof (Math as unknown as Record<string, unknown>)[method] === 'function') return { label, def: opNamed(method, label, ctx, node) };
    throw noTranslation(ctx, node, `the function ${label}`);
  }
  if (object.type === 'Literal' && 'regex' in object && object.regex) throw noTranslation(ctx, object, 'a regular expression');
  if (!Object.hasOwn(METHODS, method)) throw noTranslation(ctx, node, `the method .${method}()`);
  return { label: `.${method}()`, def: byName(METHODS[method], `.${method}()`, ctx, node), receiver: object };
}

/** `list.includes(x)` with a constant list (a literal array or a param) is SQL's `x IN (...)`. */
function inList(values: unknown[], valueNode: Node, ctx: Ctx, visit: Visit, node: Node): SqlExpr {
  const x = visit(valueNode, ctx);
  const items = values.filter((v) => v !== null && v !== undefined).map((v) => {
    const lit = sqlLiteral(v);
    if (!lit) throw noTranslation(ctx, node, 'a list of values that are not numbers, strings, booleans or dates');
    return comparable(x, lit, ctx, node)[1];
  });
  const test = items.length ? `COALESCE(${x.sql} IN (${items.map((i) => i.sql).join(', ')}), FALSE)` : 'FALSE';
  return combine(items.length < values.length ? `(${x.sql} IS NULL OR ${test})` : test, 'BOOLEAN', [x]);
}

/** Aggregates written with `$over` after each SQL aggregate call become window aggregates when the scope has `over`. */
function overClause(ctx: Ctx): string {
  if (ctx.scope.window) return aggregateOver(ctx.scope.window);
  return ctx.scope.over === undefined ? '' : ` OVER (${ctx.scope.over})`;
}

const perRowScope = (ctx: Ctx) => ctx.scope.over !== undefined || ctx.scope.window !== undefined;

/** The window placeholders of window ops' templates ($ordered, $frame, ...; see window-clause.ts). */
const WINDOW_PLACEHOLDER = /\$(ranked|ordered|whole|frame|running|remaining|peers|upto)\b/g;

/**
 * Window functions go only where the scope has a window (derive, filter: Arquero refuses them in groupby,
 * orderby and rollup), and they, like rolling aggregates, need a row order: Arquero would use input order,
 * which Flink does not keep (docs/semantics.md).
 */
function checkWindow(def: OpDef, label: string, ctx: Ctx, node: Node): void {
  const w = ctx.scope.window;
  if (def.window && !w) {
    throw exprError(ctx, `calls ${label} (${snippet(ctx, node)}), which is a window function; window functions are not allowed in ${ctx.scope.verb} (Arquero allows them in derive and filter only)`);
  }
  if (def.window && ctx.inAggregate) throw exprError(ctx, `calls the window function ${label} inside an aggregate in "${snippet(ctx, node)}"`);
  const needsOrder = def.window || (def.agg && w?.frame);
  if (needsOrder && w && !w.order.length) {
    throw exprError(ctx, `calls ${label}${def.window ? '' : ' over a rolling frame'} (${snippet(ctx, node)}), which depends on row order, and the table is not ordered: Arquero would use input order, which Flink does not keep. Call orderby(...) first`);
  }
}

function typeOf(def: OpDef, args: SqlExpr[], ctx: Ctx, node: Node): string {
  if (def.type === '$0') return baseType(args[0].type);
  if (/\$\d/.test(def.type)) return def.type.replace(/\$(\d)/g, (_, i: string) => baseType(args[Number(i)]!.type));
  if (def.type !== 'common') return def.type;
  const type = commonType(args.map((a) => a.type));
  if (!type) throw exprError(ctx, `mixes values of types ${args.map((a) => baseType(a.type)).join(', ')} in "${snippet(ctx, node)}"`);
  return type;
}

export function translateCall(node: CallExpression, ctx: Ctx, visit: Visit): SqlExpr {
  const udfCall = translateUdfCall(node, ctx, visit);
  if (udfCall) return udfCall;
  const { label, def, receiver } = target(node, ctx);
  const argNodes = [...(receiver ? [receiver] : []), ...node.arguments] as Node[];
  const spread = argNodes.find((a) => a.type === 'SpreadElement');
  if (spread) throw noTranslation(ctx, spread, 'a spread argument');
  if (def === OPS.includes) {
    const list = constantOf(argNodes[0], ctx);
    if (list && Array.isArray(list.value) && argNodes.length === 2) return inList(list.value, argNodes[1], ctx, visit, node);
  }
  if (def === OPS.recode) return translateRecode(argNodes, label, node, ctx, visit);
  return applyOp(def, label, argNodes, node, ctx, visit);
}

/** An op applied to argument nodes: checks the count, converts each argument as its kind says, fills the SQL. */
export function applyOp(def: OpDef, label: string, argNodes: Node[], node: Node, ctx: Ctx, visit: Visit): SqlExpr {
  const [min, max] = [def.args.length - (def.optional ?? 0), def.variadic ? Infinity : def.args.length];
  if (argNodes.length < min || argNodes.length > max) {
    const takes = max === Infinity ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
    throw exprError(ctx, `calls ${label} with ${argNodes.length} argument(s) in "${snippet(ctx, node)}"; it takes ${takes}`);
  }

  checkWindow(def, label, ctx, node);
  const perRowForm = !!def.perRowSql && perRowScope(ctx);
  if (perRowForm && !ctx.scope.window) {
    throw exprError(ctx, `calls ${label} per row (${snippet(ctx, node)}), which has no Flink SQL translation here: Flink has no DISTINCT window aggregate; compute it with rollup and join it back`);
  }
  if (def.agg && ctx.inAggregate) throw exprError(ctx, `calls the aggregate ${label} inside another aggregate in "${snippet(ctx, node)}"`);
  ctx.inAggregate = ctx.inAggregate || !!def.agg;
  let args: SqlExpr[];
  try {
    args = argNodes.map((argNode, i) => {
      const kind = def.args[Math.min(i, def.args.length - 1)];
      const visited = visit(argNode, ctx);
      // aggregates skip NaN as Arquero does: only a floating-point value can hold it
      const value = def.validOnly && familyOf(visited.type) === 'float' && !('value' in visited) ? { ...visited, sql: validOnly(visited) } : visited;
      const arg = asArg(kind, value);
      if (!arg) throw exprError(ctx, `passes ${snippet(ctx, argNode)} (${baseType(visited.type)}) to ${label}, which expects ${KIND_NAMES[kind]} there`);
      return arg;
    });
  } finally {
    if (def.agg) ctx.inAggregate = false;
  }

  if (def.window) {
    const nested = args.find((a) => a.kind !== 'scalar');
    if (nested) throw exprError(ctx, `passes an aggregate or window value (${nested.sql}) to the window function ${label} in "${snippet(ctx, node)}"; derive it first, then apply ${label} to that column`);
  }

  const over = (shape: WindowPlaceholder) => windowOver(ctx.scope.window!, shape);
  let sql: string;
  try {
    const typed = (template: string) => template.replace(/\$type(\d)/g, (_, i: string) => baseType(args[Number(i)]!.type));
    if (perRowForm) sql = typed(def.perRowSql!(args, over, ctx.scope.window!));
    else if (typeof def.sql !== 'string') sql = def.sql(args, over, ctx.scope.window);
    else sql = fill(typed(def.sql.replaceAll('$over', () => overClause(ctx))).replace(WINDOW_PLACEHOLDER, (_, shape: WindowPlaceholder) => over(shape)), args);
  } catch (e) {
    if (e instanceof NoSqlForm || e instanceof NoWindowForm) throw noTranslation(ctx, node, `${label} with ${e.message}`);
    if (e instanceof FrameNotExpressible) throw noTranslation(ctx, node, `${label} over ${e.message}`);
    throw e;
  }
  const combined = combine(sql, typeOf(def, args, ctx, node), args);
  const absent = def.absent?.(args, over, ctx.scope.window);
  const result = absent ? { ...combined, absent } : combined;
  if (def.window || (def.agg && perRowScope(ctx))) return hoisted({ ...result, kind: 'window' }, ctx);
  return def.agg ? { ...result, kind: 'aggregate' } : result;
}

/** A window value as a step column, when the scope says so (an expression mixing window orders: WindowScope.hoist). */
function hoisted(value: SqlExpr, ctx: Ctx): SqlExpr {
  const w = ctx.scope.window;
  if (!w?.hoist) return value;
  const column = (sql: string) => stepColumn(w, sql) ?? sql;
  return { ...value, sql: column(value.sql), ...(value.absent ? { absent: column(value.absent) } : {}) };
}
