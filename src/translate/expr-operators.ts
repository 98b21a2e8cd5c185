/**
 * JS operators as Flink SQL, with JS semantics where SQL differs: `/` always divides as floats, `%` takes
 * the sign of the dividend, `+` concatenates when either side is a string, `===` is true for null === null
 * (IS NOT DISTINCT FROM), integer arithmetic does not wrap at 2^31 (BIGINT). Two constants are folded in JS.
 */
import type { Node } from 'acorn';
import type { SqlExpr } from './expression.js';
import { exprError, snippet, type Ctx } from './expr-context.js';
import { asDouble, asNumber, asString, asWideNumber } from './expr-coerce.js';
import { sqlLiteral, typedNull } from './expr-literal.js';
import { combine, integerValue } from './expr-sql.js';
import { baseType, familyOf, isInteger, isNull, isNumeric, isString, isTemporal, numberType } from './expr-types.js';

type Binary = (l: SqlExpr, r: SqlExpr, ctx: Ctx, node: Node) => SqlExpr;

const isConstant = (e: SqlExpr) => 'value' in e && (e.value === null || typeof e.value !== 'object');

/** JS evaluation of an operator on two constants; undefined if the result is no SQL literal. */
function fold(op: string, l: SqlExpr, r: SqlExpr): SqlExpr | undefined {
  if (!isConstant(l) || !isConstant(r)) return undefined;
  const a = l.value as never, b = r.value as never;
  const JS: Record<string, (a: never, b: never) => unknown> = {
    '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b, '%': (a, b) => a % b,
    '**': (a, b) => a ** b, '<': (a, b) => a < b, '<=': (a, b) => a <= b, '>': (a, b) => a > b, '>=': (a, b) => a >= b,
    '===': (a, b) => a === b, '!==': (a, b) => a !== b, '==': (a, b) => a == b, '!=': (a, b) => a != b,
  };
  try {
    return JS[op] ? sqlLiteral(JS[op](a, b)) : undefined;
  } catch {
    return undefined; // e.g. mixing a BigInt and a number; SQL types decide instead
  }
}

const typeError = (ctx: Ctx, node: Node, l: SqlExpr, r: SqlExpr, what: string) =>
  exprError(ctx, `${what} ${baseType(l.type)} and ${baseType(r.type)} in "${snippet(ctx, node)}"; JS would convert one of them implicitly, SQL does not: convert it explicitly (String(x), op.parse_float(x))`);

/**
 * Both sides as JS numbers: DECIMAL and FLOAT as DOUBLE; two integers as BIGINT (one cast is enough, SQL
 * widens the other side).
 */
function numbers(l: SqlExpr, r: SqlExpr, ctx: Ctx, node: Node, what: string): [SqlExpr, SqlExpr] {
  const ok = (e: SqlExpr) => isNumeric(e.type) || isNull(e.type);
  if (!ok(l) || !ok(r)) throw typeError(ctx, node, l, r, what);
  const type = numberType([l.type, r.type]);
  const [a, b] = [l, r].map((e) => (isNull(e.type) ? typedNull(type) : asNumber(e)!));
  if (type === 'DOUBLE' || baseType(a.type) === 'BIGINT' || baseType(b.type) === 'BIGINT') return [a, b];
  return integerValue(a) !== undefined ? [a, asWideNumber(b)!] : [asWideNumber(a)!, b];
}

const arithmetic = (op: string): Binary => (l, r, ctx, node) => {
  const [a, b] = numbers(l, r, ctx, node, `applies "${op}" to`);
  return combine(`(${a.sql} ${op} ${b.sql})`, numberType([a.type, b.type]), [a, b]);
};

const plus: Binary = (l, r, ctx, node) => {
  if (!isString(l.type) && !isString(r.type)) return arithmetic('+')(l, r, ctx, node);
  const [a, b] = [asString(l), asString(r)];
  if (!a || !b) throw typeError(ctx, node, l, r, 'concatenates');
  return combine(`(${a.sql} || ${b.sql})`, 'STRING', [a, b]);
};

const divide: Binary = (l, r, ctx, node) => {
  const [a, b] = numbers(l, r, ctx, node, 'applies "/" to');
  const dividend = familyOf(a.type) === 'float' || familyOf(b.type) === 'float' ? a : asDouble(a)!;
  return combine(`(${dividend.sql} / ${b.sql})`, 'DOUBLE', [a, b]);
};

/**
 * JS % keeps the dividend's sign, as SQL MOD does. MOD takes integers only (its type is the divisor's);
 * x % 0 is NaN in JS and fails in SQL, so a divisor that may be 0 gives NULL. On doubles % is x - y * trunc(x / y).
 */
const remainder: Binary = (l, r, ctx, node) => {
  const [a, b] = numbers(l, r, ctx, node, 'applies "%" to');
  if (isInteger(l.type) && isInteger(r.type)) {
    const divisor = integerValue(r) ? r.sql : `NULLIF(${r.sql}, 0)`;
    return combine(`MOD(${l.sql}, ${divisor})`, baseType(r.type), [l, r]);
  }
  const q = `${a.sql} / ${b.sql}`;
  return combine(`(${a.sql} - ${b.sql} * CASE WHEN ${q} < 0 THEN CEIL(${q}) ELSE FLOOR(${q}) END)`, 'DOUBLE', [a, b]);
};

const power: Binary = (l, r, ctx, node) => {
  const [a, b] = numbers(l, r, ctx, node, 'applies "**" to');
  return combine(`POWER(${a.sql}, ${b.sql})`, 'DOUBLE', [a, b]);
};

/** Two values SQL can compare: same family; a DATE or TIMESTAMP_LTZ meets a TIMESTAMP as TIMESTAMP(3). */
export function comparable(l: SqlExpr, r: SqlExpr, ctx: Ctx, node: Node): [SqlExpr, SqlExpr] {
  if (isNull(l.type) && isNull(r.type)) return [l, r];
  if (isNull(l.type)) return [typedNull(baseType(r.type)), r];
  if (isNull(r.type)) return [l, typedNull(baseType(l.type))];
  if (isNumeric(l.type) && isNumeric(r.type)) return [l, r];
  if (isTemporal(l.type) && isTemporal(r.type)) {
    if (baseType(l.type) === baseType(r.type)) return [l, r];
    const ts = (e: SqlExpr) => (/^TIMESTAMP\(\d\)$/.test(baseType(e.type)) ? e : combine(`CAST(${e.sql} AS TIMESTAMP(3))`, 'TIMESTAMP(3)', [e]));
    return [ts(l), ts(r)];
  }
  if (familyOf(l.type) === familyOf(r.type)) return [l, r];
  throw typeError(ctx, node, l, r, 'compares');
}

/** A SQL comparison; NULL when a side is NULL, which only a condition may treat as false. */
const compare = (op: string): Binary => (l, r, ctx, node) => {
  const [a, b] = comparable(l, r, ctx, node);
  return combine(`(${a.sql} ${op} ${b.sql})`, 'BOOLEAN', [a, b]);
};

/** A JS comparison as a value: always true or false, never null (null > 1 is false in JS). */
const comparison = (op: string): Binary => (l, r, ctx, node) => {
  const test = compare(op)(l, r, ctx, node);
  return { ...test, sql: `(${test.sql} IS TRUE)` };
};

/** JS equality: null === null is true and null === 1 is false, which is SQL's IS [NOT] DISTINCT FROM. */
const equality = (negated: boolean): Binary => (l, r, ctx, node) => {
  const other = isNull(l.type) ? r : isNull(r.type) ? l : undefined;
  if (other) return combine(`(${other.sql} IS ${negated ? 'NOT ' : ''}NULL)`, 'BOOLEAN', [other]);
  const [a, b] = comparable(l, r, ctx, node);
  return combine(`(${a.sql} IS ${negated ? '' : 'NOT '}DISTINCT FROM ${b.sql})`, 'BOOLEAN', [a, b]);
};

const BINARY: Record<string, Binary> = {
  '+': plus, '-': arithmetic('-'), '*': arithmetic('*'), '/': divide, '%': remainder, '**': power,
  '<': comparison('<'), '<=': comparison('<='), '>': comparison('>'), '>=': comparison('>='),
  '===': equality(false), '==': equality(false), '!==': equality(true), '!=': equality(true),
};

/**
 * JS arithmetic on a value that does not exist (SqlExpr.absent: undefined in Arquero) is NaN, where SQL gives
 * NULL; a null that exists stays null (docs/semantics.md, Nulls). A string result (`'a' + b`) is left as SQL has it.
 */
function absentAsNaN(result: SqlExpr, operands: SqlExpr[]): SqlExpr {
  const absent = operands.flatMap((o) => (o.absent ? [o.absent] : []));
  if (!absent.length || !isNumeric(result.type)) return result;
  return combine(`CASE WHEN ${absent.join(' OR ')} THEN CAST('NaN' AS DOUBLE) ELSE CAST(${result.sql} AS DOUBLE) END`, 'DOUBLE', [result]);
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '**']);

/** A binary operator; undefined if it has no SQL form (bitwise operators, `in`, `instanceof`). */
export function binary(op: string, l: SqlExpr, r: SqlExpr, ctx: Ctx, node: Node): SqlExpr | undefined {
  const result = BINARY[op] && (fold(op, l, r) ?? BINARY[op](l, r, ctx, node));
  return result && ARITHMETIC.has(op) ? absentAsNaN(result, [l, r]) : result;
}

/**
 * A comparison where only truthiness matters (a filter, a condition): NULL counts as false there, so plain
 * SQL comparisons keep and drop the same rows as JS, and `===` with a non-null constant on one side is `=`.
 * They read better in explain() and are what sources can push down.
 */
export function conditionBinary(op: string, l: SqlExpr, r: SqlExpr, ctx: Ctx, node: Node): SqlExpr | undefined {
  const folded = fold(op, l, r);
  if (folded) return folded;
  if (['<', '<=', '>', '>='].includes(op)) return compare(op)(l, r, ctx, node);
  const constantSide = [l, r].some((e) => isConstant(e) && e.value !== null && e.value !== undefined);
  if ((op === '===' || op === '==') && constantSide) return compare('=')(l, r, ctx, node);
  return binary(op, l, r, ctx, node);
}

/** Unary minus: `(-x)`, never `--x` (a SQL comment). */
export function negate(e: SqlExpr, ctx: Ctx, node: Node): SqlExpr {
  if (typeof e.value === 'number') return sqlLiteral(-e.value)!;
  if (isNull(e.type)) return e;
  if (!isNumeric(e.type)) throw exprError(ctx, `negates ${baseType(e.type)} in "${snippet(ctx, node)}"; only numbers can be negated in SQL`);
  const x = isNumeric(e.type) && familyOf(e.type) !== 'integer' ? asDouble(e)! : e;
  return absentAsNaN(combine(x.sql.startsWith('-') ? `(-(${x.sql}))` : `(-${x.sql})`, baseType(x.type), [x]), [e]);
}
