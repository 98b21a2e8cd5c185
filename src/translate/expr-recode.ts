/**
 * op.recode(value, map, fallback) as a CASE over the map's keys. Arquero (src/op/functions/recode.js) looks
 * a value up in a Map by identity (SameValueZero), and in an object by its JS string form `${value}`; a
 * value with no entry becomes the fallback, or stays itself. The map must be known before the query runs
 * (a literal object or a param).
 */
import type { Node } from 'acorn';
import type { SqlExpr } from './expression.js';
import { exprError, snippet, type Ctx } from './expr-context.js';
import { constantOf } from './expr-constant.js';
import { sqlLiteral } from './expr-literal.js';
import { combine } from './expr-sql.js';
import { baseType, commonType, familyOf } from './expr-types.js';

type Visit = (node: Node, ctx: Ctx) => SqlExpr;

const isNaNTest = (v: string) => `COALESCE(${v} - ${v} <> 0 AND ABS(${v}) <> CAST('Infinity' AS DOUBLE), FALSE)`;

/** The SQL test "this value's `${value}` is key", or undefined when no value of this type has that text. */
function matchesText(value: SqlExpr, key: string): string | undefined {
  const family = familyOf(value.type);
  if (key === 'null') return `${value.sql} IS NULL`;
  if (family === 'string') return `${value.sql} = ${sqlLiteral(key)!.sql}`;
  if (family === 'boolean') return key === 'true' || key === 'false' ? `${value.sql} = ${key.toUpperCase()}` : undefined;
  if (family === 'integer' || family === 'float' || family === 'decimal') {
    const n = Number(key);
    if (key.trim() === '' || String(n) !== key) return undefined; // '1.0', '01', '-0' are no number's text
    if (Number.isNaN(n)) return family === 'float' ? isNaNTest(value.sql) : undefined;
    if (family !== 'float' && !Number.isInteger(n)) return undefined;
    return `${value.sql} = ${sqlLiteral(n)!.sql}`;
  }
  return undefined;
}

/** The SQL test "this value is key" as Map.prototype.has sees it (SameValueZero). */
function matchesValue(value: SqlExpr, key: unknown): string | undefined {
  const family = familyOf(value.type);
  if (key === null || key === undefined) return `${value.sql} IS NULL`;
  if (typeof key === 'string') return family === 'string' ? `${value.sql} = ${sqlLiteral(key)!.sql}` : undefined;
  if (typeof key === 'boolean') return family === 'boolean' ? `${value.sql} = ${key ? 'TRUE' : 'FALSE'}` : undefined;
  if (typeof key === 'number' && ['integer', 'float', 'decimal'].includes(family)) {
    if (Number.isNaN(key)) return family === 'float' ? isNaNTest(value.sql) : undefined;
    return `${value.sql} = ${sqlLiteral(key)!.sql}`;
  }
  return undefined;
}

export function translateRecode(argNodes: Node[], label: string, node: Node, ctx: Ctx, visit: Visit): SqlExpr {
  if (argNodes.length < 2 || argNodes.length > 3) {
    throw exprError(ctx, `calls ${label} with ${argNodes.length} argument(s) in "${snippet(ctx, node)}"; it takes 2 to 3`);
  }
  const value = visit(argNodes[0], ctx);
  if (value.kind !== 'scalar') throw exprError(ctx, `passes an aggregate or window value to ${label} in "${snippet(ctx, node)}"; derive it first`);
  const family = familyOf(value.type);
  if (!['string', 'integer', 'float', 'decimal', 'boolean', 'null'].includes(family)) {
    throw exprError(ctx, `recodes a value of type ${baseType(value.type)} with ${label} in "${snippet(ctx, node)}"; only strings, numbers and booleans have a Flink SQL form (their JS text is the key)`);
  }
  const map = constantOf(argNodes[1], ctx)?.value;
  if (map === null || typeof map !== 'object' || Array.isArray(map)) {
    throw exprError(ctx, `passes ${snippet(ctx, argNodes[1])} to ${label} as its map; it must be a literal object or a Map known before the query runs (a param)`);
  }
  const entries: [unknown, unknown][] = map instanceof Map ? [...map.entries()] : Object.entries(map);
  const cases: { test: string; then: SqlExpr }[] = [];
  for (const [key, result] of entries) {
    const test = map instanceof Map ? matchesValue(value, key) : matchesText(value, String(key));
    if (test === undefined) continue; // no value of this column's type has this key
    const then = sqlLiteral(result);
    if (!then) throw exprError(ctx, `maps ${String(key)} to a value that is not a number, string, boolean, date or null in ${label} (${snippet(ctx, node)})`);
    cases.push({ test, then });
  }
  const fallback = argNodes[2] ? visit(argNodes[2], ctx) : value;
  const results = [...cases.map((c) => c.then), fallback];
  const type = commonType(results.map((r) => r.type));
  if (!type) {
    throw exprError(ctx, `gives values of types ${[...new Set(results.map((r) => baseType(r.type)))].join(', ')} in ${label} (${snippet(ctx, node)}); in SQL all results must have one type (give a fallback of the map's type)`);
  }
  const sqlType = type === 'NULL' ? 'STRING' : type;
  const as = (e: SqlExpr) => (e.sql === 'NULL' ? `CAST(NULL AS ${sqlType})` : e.sql);
  const sql = cases.length ? `CASE ${cases.map((c) => `WHEN ${c.test} THEN ${as(c.then)}`).join(' ')} ELSE ${as(fallback)} END` : as(fallback);
  return combine(sql, sqlType, [value, fallback]);
}
