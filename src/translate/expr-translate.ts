/**
 * Walks a lambda's syntax tree and builds the Flink SQL for it, node by node. `visit` gives a node's value;
 * `condition` gives its truth as a SQL condition (filters, `?:`, `!`, `&&`/`||` between conditions),
 * where JS truthiness (null, 0, NaN and '' are false) decides.
 */
import type { Node } from 'acorn';
import type { SqlExpr } from './expression.js';
import { closureError, exprError, noTranslation, snippet, useLocal, type Ctx } from './expr-context.js';
import { applyOp, translateCall } from './expr-call.js';
import { asString, truthy } from './expr-coerce.js';
import { constantOf, propertyName } from './expr-constant.js';
import { sqlLiteral } from './expr-literal.js';
import { binary, conditionBinary, negate } from './expr-operators.js';
import { combine } from './expr-sql.js';
import { baseType, commonType, isBoolean, isNull, isNumeric, isTemporal } from './expr-types.js';
import { quoteIdent } from './sql-text.js';
import { fieldNames, findField } from './schema.js';
import { OPS } from './op-registry.js';
import { attemptSql, jsAllowed, jsPart, runsOnlyInFlink } from './expr-js.js';

// acorn's node types are a union keyed by `type`; the visitors read their fields by name
type AnyNode = Node & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** JS constructs with no SQL form, described for the error. */
const UNSUPPORTED: Record<string, string> = {
  ArrayExpression: 'an array literal',
  ObjectExpression: 'an object literal',
  NewExpression: '"new"',
  ArrowFunctionExpression: 'a nested function',
  FunctionExpression: 'a nested function',
  AssignmentExpression: 'an assignment',
  UpdateExpression: 'an increment or decrement',
  SequenceExpression: 'a comma expression',
  ChainExpression: 'optional chaining (?.)',
  TaggedTemplateExpression: 'a tagged template',
  ThisExpression: '"this"',
  AwaitExpression: '"await"',
  YieldExpression: '"yield"',
  ImportExpression: 'import()',
};

/** A column of the row; in a join lambda (ExprScope.join) of the left row (alias l) or the right row (alias r). */
function column(name: string, ctx: Ctx, node: Node, side: 'left' | 'right' = 'left'): SqlExpr {
  const { join } = ctx.scope;
  const schema = side === 'right' ? join!.right : ctx.scope.schema;
  const field = findField(schema, name);
  if (!field) {
    throw exprError(ctx, `reads the column "${name}" (${snippet(ctx, node)}), which does not exist; available columns: ${fieldNames(schema).join(', ')}`);
  }
  if (!ctx.inAggregate) ctx.rowColumns.add(name);
  const sql = join ? `${side === 'right' ? 'r' : 'l'}.${quoteIdent(name)}` : quoteIdent(name);
  const absent = join?.absent?.[side];
  return { sql, type: baseType(field.type), kind: 'scalar', columns: [name], ...(absent ? { absent } : {}) };
}

/** A known value as a SQL literal: params and constants cannot be objects, arrays or functions there. */
function literal(value: unknown, ctx: Ctx, node: Node): SqlExpr {
  const lit = sqlLiteral(value);
  if (!lit) throw noTranslation(ctx, node, `a value that is not a number, string, boolean, date or null`);
  return lit;
}

function identifier(node: AnyNode, ctx: Ctx): SqlExpr {
  const name: string = node.name;
  if (ctx.locals.has(name)) return useLocal(ctx, name, (init) => visit(init, ctx));
  if (ctx.parsed.columnAliases.has(name)) return column(ctx.parsed.columnAliases.get(name)!, ctx, node);
  // as in Arquero, a bare name of a param reads it (`d => d.n * lag` with params({ lag: 1 }))
  if (Object.hasOwn(ctx.scope.params, name) && ![ctx.parsed.row, ctx.parsed.rightRow, ctx.parsed.params].includes(name)) {
    return literal(ctx.scope.params[name], ctx, node);
  }
  const known = constantOf(node, ctx);
  if (known) return literal(known.value, ctx, node);
  if (name === ctx.parsed.row) throw noTranslation(ctx, node, 'the whole row');
  if (name === ctx.parsed.params) throw noTranslation(ctx, node, 'the whole params object');
  throw closureError(ctx, name);
}

function member(node: AnyNode, ctx: Ctx): SqlExpr {
  const object: AnyNode = node.object;
  const rowObject = object.type === 'Identifier' && object.name === ctx.parsed.row && !ctx.locals.has(object.name);
  if (rowObject) {
    const name = propertyName(node as never, ctx);
    if (name === undefined) throw noTranslation(ctx, node, 'a column name computed from the data');
    return column(name, ctx, node);
  }
  if (object.type === 'Identifier' && object.name === ctx.parsed.rightRow && !ctx.locals.has(object.name)) {
    const name = propertyName(node as never, ctx);
    if (name === undefined) throw noTranslation(ctx, node, 'a column name computed from the data');
    return column(name, ctx, node, 'right');
  }
  const known = constantOf(node, ctx);
  if (known) return literal(known.value, ctx, node);
  const property = propertyName(node as never, ctx);
  if (property === 'length') {
    // .length of a string (of an array param it is a constant, handled above)
    return applyOp(OPS.length, '.length', [object], node, ctx, visit);
  }
  visit(object, ctx); // reports closures and unknown columns first
  throw noTranslation(ctx, node, property === undefined ? 'a computed property' : `the property "${property}"`);
}

function unary(node: AnyNode, ctx: Ctx): SqlExpr {
  const known = constantOf(node, ctx);
  if (known) return literal(known.value, ctx, node);
  switch (node.operator) {
    case '-':
      return negate(visit(node.argument, ctx), ctx, node);
    case '!': {
      const test = condition(node.argument, ctx);
      return combine(`(${test.sql} IS NOT TRUE)`, 'BOOLEAN', [test]);
    }
    case '+': {
      // unary plus converts to a number: a number stays, a boolean is 0/1, a date its epoch milliseconds
      const e = visit(node.argument, ctx);
      if (isNumeric(e.type) || isNull(e.type)) return e;
      if (isBoolean(e.type)) return combine(`CAST(${e.sql} AS INT)`, 'INT', [e]);
      if (isTemporal(e.type)) return applyOp(OPS.timestamp, '+', [node.argument], node, ctx, visit);
      throw exprError(ctx, `converts ${baseType(e.type)} to a number with "+" in "${snippet(ctx, node)}"; use op.parse_float(x) for strings`);
    }
    default:
      throw noTranslation(ctx, node, `the operator "${node.operator}"`);
  }
}

/** JS `a && b` / `a || b` is one of its operands, not a boolean: CASE picks it by the first one's truthiness. */
function logical(node: AnyNode, ctx: Ctx): SqlExpr {
  const op: string = node.operator;
  const left = visit(node.left, ctx);
  if ('value' in left) {
    // a constant left side decides in JS already
    const pickRight = op === '&&' ? !!left.value : op === '||' ? !left.value : left.value == null;
    return pickRight ? visit(node.right, ctx) : left;
  }
  const right = guarded(ctx, node, () => visit(node.right, ctx));
  if (op !== '??' && isBoolean(left.type) && isBoolean(right.type)) {
    return combine(`(${left.sql} ${op === '&&' ? 'AND' : 'OR'} ${right.sql})`, 'BOOLEAN', [left, right]);
  }
  const type = commonType([left.type, right.type]);
  if (!type) throw exprError(ctx, `combines ${baseType(left.type)} with ${baseType(right.type)} using "${op}" in "${snippet(ctx, node)}"; in SQL both sides must have one type`);
  if (op === '??') return combine(`COALESCE(${left.sql}, ${right.sql})`, type, [left, right]);
  const test = truthy(left);
  if (!test) throw exprError(ctx, `tests ${baseType(left.type)} for truth in "${snippet(ctx, node.left)}", which has no SQL form`);
  const [then, otherwise] = op === '&&' ? [right, left] : [left, right];
  return combine(`CASE WHEN ${test.sql} THEN ${then.sql} ELSE ${otherwise.sql} END`, type, [test, then, otherwise]);
}

function conditional(node: AnyNode, ctx: Ctx): SqlExpr {
  const known = constantOf(node.test, ctx);
  if (known) return visit(known.value ? node.consequent : node.alternate, ctx);
  const test = condition(node.test, ctx);
  const [then, otherwise] = guarded(ctx, node, () => [visit(node.consequent, ctx), visit(node.alternate, ctx)]);
  const type = commonType([then.type, otherwise.type]);
  if (!type) throw exprError(ctx, `gives ${baseType(then.type)} or ${baseType(otherwise.type)} in "${snippet(ctx, node)}"; in SQL both branches must have one type`);
  return combine(`CASE WHEN ${test.sql} THEN ${then.sql} ELSE ${otherwise.sql} END`, type, [test, then, otherwise]);
}

/** A template literal is string concatenation; each value converts as String(x) does. */
function template(node: AnyNode, ctx: Ctx): SqlExpr {
  const parts: SqlExpr[] = [];
  node.quasis.forEach((quasi: AnyNode, i: number) => {
    if (quasi.value.cooked) parts.push(sqlLiteral(quasi.value.cooked)!);
    if (i < node.expressions.length) {
      const e = node.expressions[i];
      const text = asString(visit(e, ctx));
      if (!text) throw exprError(ctx, `puts ${snippet(ctx, e)} into a template string, which has no SQL string form`);
      parts.push(text);
    }
  });
  if (parts.length === 0) return sqlLiteral('')!;
  if (parts.every((p) => 'value' in p)) return sqlLiteral(parts.map((p) => p.value).join(''))!;
  return combine(parts.length === 1 ? parts[0].sql : `(${parts.map((p) => p.sql).join(' || ')})`, 'STRING', parts);
}

/** A block body: `const` declarations, then one return. */
function block(node: AnyNode, ctx: Ctx): SqlExpr {
  for (const statement of node.body as AnyNode[]) {
    if (statement.type === 'ReturnStatement' && statement === node.body.at(-1)) {
      if (!statement.argument) throw noTranslation(ctx, statement, 'a return without a value');
      return visit(statement.argument, ctx);
    }
    if (statement.type !== 'VariableDeclaration' || statement.kind === 'var') throw noTranslation(ctx, statement, 'a statement');
    for (const d of statement.declarations as AnyNode[]) {
      if (d.id.type !== 'Identifier' || !d.init) throw noTranslation(ctx, d, 'a declaration without a single name and a value');
      ctx.locals.set(d.id.name, d.init);
    }
  }
  throw noTranslation(ctx, node, 'a function body without a final return');
}

function literalNode(node: AnyNode, ctx: Ctx): SqlExpr {
  if (node.regex) throw noTranslation(ctx, node, 'a regular expression');
  return literal(node.value, ctx, node);
}

const VISITORS: Record<string, (node: AnyNode, ctx: Ctx) => SqlExpr> = {
  Literal: literalNode,
  Identifier: identifier,
  MemberExpression: member,
  CallExpression: (node, ctx) => translateCall(node as never, ctx, visit),
  UnaryExpression: unary,
  BinaryExpression: (node, ctx) => {
    const result = binary(node.operator, visit(node.left, ctx), visit(node.right, ctx), ctx, node);
    if (!result) throw noTranslation(ctx, node, `the operator "${node.operator}"`);
    return result;
  },
  LogicalExpression: logical,
  ConditionalExpression: conditional,
  TemplateLiteral: template,
  BlockStatement: block,
};

function visitSql(node: Node, ctx: Ctx): SqlExpr {
  const visitor = VISITORS[node.type];
  if (!visitor) throw noTranslation(ctx, node, UNSUPPORTED[node.type] ?? `a ${node.type}`);
  return visitor(node as AnyNode, ctx);
}

/** A node's value: Flink SQL, or where it has none and the verb runs UDF stages, a JavaScript part (expr-js.ts). */
export function visit(node: Node, ctx: Ctx): SqlExpr {
  if (!jsAllowed(ctx)) return visitSql(node, ctx);
  let sqlError: unknown;
  const sql = attemptSql(ctx, () => visitSql(node, ctx), (e) => (sqlError = e));
  if (sql) return sql;
  // aggregates and window functions run in Flink or not at all: the SQL translator's reason is the one to give
  if (runsOnlyInFlink(node)) throw sqlError;
  return jsPart(node, ctx, visit);
}

/**
 * JS evaluates a branch only where its guard lets it (`d.s && d.s.match(re)`), a UDF stage evaluates every row:
 * a JavaScript part in a branch makes the whole choice JavaScript, guard included.
 */
function guarded<T>(ctx: Ctx, node: Node, branches: () => T): T {
  const calls = ctx.scope.udfs?.calls;
  const mark = calls?.length ?? 0;
  const result = branches();
  if (calls?.slice(mark).some((c) => c.inline)) throw noTranslation(ctx, node, 'JavaScript in a branch of a condition');
  return result;
}

/** A node's JS truthiness as a SQL condition (BOOLEAN; NULL only where SQL treats it as false anyway). */
export function condition(node: Node, ctx: Ctx): SqlExpr {
  if (!jsAllowed(ctx)) return conditionSql(node, ctx);
  return attemptSql(ctx, () => conditionSql(node, ctx)) ?? jsPart(node, ctx, visit, true);
}

function conditionSql(node: Node, ctx: Ctx): SqlExpr {
  const n = node as AnyNode;
  if (n.type === 'LogicalExpression' && n.operator !== '??') {
    const l = condition(n.left, ctx);
    const r = guarded(ctx, node, () => condition(n.right, ctx));
    return combine(`(${l.sql} ${n.operator === '&&' ? 'AND' : 'OR'} ${r.sql})`, 'BOOLEAN', [l, r]);
  }
  if (n.type === 'BinaryExpression') {
    const result = conditionBinary(n.operator, visit(n.left, ctx), visit(n.right, ctx), ctx, node);
    if (!result) throw noTranslation(ctx, node, `the operator "${n.operator}"`);
    return truthy(result) ?? result;
  }
  const e = visit(node, ctx);
  const test = truthy(e);
  if (!test) throw exprError(ctx, `tests ${baseType(e.type)} for truth in "${snippet(ctx, node)}", which has no SQL form`);
  return test;
}
