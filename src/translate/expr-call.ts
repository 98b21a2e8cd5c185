/**
 * Function calls: `op.name(...)` (or a bare `name(...)`, as Arquero allows), `Math.name(...)`, a few JS
 * globals, and JS methods on values (`d.s.toUpperCase()`), each looked up in the op registry and filled in.
 */
import type { CallExpression, Node } from 'acorn';
import type { SqlExpr } from './expression.js';
import { exprError, noTranslation, snippet, type Ctx } from './expr-context.js';
import { asArg, KIND_NAMES } from './expr-coerce.js';
import { constantOf } from './expr-constant.js';
import { sqlLiteral } from './expr-literal.js';
import { comparable } from './expr-operators.js';
import { combine } from './expr-sql.js';
import { baseType, commonType } from './expr-types.js';
import { fill, GLOBAL_FUNCTIONS, METHODS, NoSqlForm, OPS, UNTRANSLATED, type OpDef } from './op-registry.js';

export type Visit = (node: Node, ctx: Ctx) => SqlExpr;

interface Target {
  label: string;
  def: OpDef;
  /** The value a method is called on; it becomes the first argument. */
  receiver?: Node;
}

function opNamed(name: string, label: string, ctx: Ctx, node: Node): OpDef {
  if (Object.hasOwn(OPS, name)) return OPS[name];
  if (Object.hasOwn(UNTRANSLATED, name)) throw exprError(ctx, `calls ${label} (${snippet(ctx, node)}), which ${UNTRANSLATED[name]}`);
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
  return ctx.scope.over === undefined ? '' : ` OVER (${ctx.scope.over})`;
}

function typeOf(def: OpDef, args: SqlExpr[], ctx: Ctx, node: Node): string {
  if (def.type === '$0') return baseType(args[0].type);
  if (def.type !== 'common') return def.type;
  const type = commonType(args.map((a) => a.type));
  if (!type) throw exprError(ctx, `mixes values of types ${args.map((a) => baseType(a.type)).join(', ')} in "${snippet(ctx, node)}"`);
  return type;
}

export function translateCall(node: CallExpression, ctx: Ctx, visit: Visit): SqlExpr {
  const { label, def, receiver } = target(node, ctx);
  const argNodes = [...(receiver ? [receiver] : []), ...node.arguments] as Node[];
  const spread = argNodes.find((a) => a.type === 'SpreadElement');
  if (spread) throw noTranslation(ctx, spread, 'a spread argument');
  if (def === OPS.includes) {
    const list = constantOf(argNodes[0], ctx);
    if (list && Array.isArray(list.value) && argNodes.length === 2) return inList(list.value, argNodes[1], ctx, visit, node);
  }
  return applyOp(def, label, argNodes, node, ctx, visit);
}

/** An op applied to argument nodes: checks the count, converts each argument as its kind says, fills the SQL. */
export function applyOp(def: OpDef, label: string, argNodes: Node[], node: Node, ctx: Ctx, visit: Visit): SqlExpr {
  const [min, max] = [def.args.length - (def.optional ?? 0), def.variadic ? Infinity : def.args.length];
  if (argNodes.length < min || argNodes.length > max) {
    const takes = max === Infinity ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
    throw exprError(ctx, `calls ${label} with ${argNodes.length} argument(s) in "${snippet(ctx, node)}"; it takes ${takes}`);
  }

  if (def.agg && def.perRow === false && ctx.scope.over !== undefined) {
    throw exprError(ctx, `calls ${label} per row (${snippet(ctx, node)}), which has no Flink SQL translation: Flink has no window form of COUNT(DISTINCT); compute it with rollup and join it back`);
  }
  if (def.agg && ctx.inAggregate) throw exprError(ctx, `calls the aggregate ${label} inside another aggregate in "${snippet(ctx, node)}"`);
  ctx.inAggregate = ctx.inAggregate || !!def.agg;
  let args: SqlExpr[];
  try {
    args = argNodes.map((argNode, i) => {
      const kind = def.args[Math.min(i, def.args.length - 1)];
      const value = visit(argNode, ctx);
      const arg = asArg(kind, value);
      if (!arg) throw exprError(ctx, `passes ${snippet(ctx, argNode)} (${baseType(value.type)}) to ${label}, which expects ${KIND_NAMES[kind]} there`);
      return arg;
    });
  } finally {
    if (def.agg) ctx.inAggregate = false;
  }

  let sql: string;
  try {
    sql = typeof def.sql === 'string' ? fill(def.sql.replaceAll('$over', () => overClause(ctx)), args) : def.sql(args);
  } catch (e) {
    if (e instanceof NoSqlForm) throw noTranslation(ctx, node, `${label} with ${e.message}`);
    throw e;
  }
  const result = combine(sql, typeOf(def, args, ctx, node), args);
  return def.agg ? { ...result, kind: ctx.scope.over === undefined ? 'aggregate' : 'window' } : result;
}
