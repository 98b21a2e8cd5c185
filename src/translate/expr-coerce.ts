/**
 * JS conversions as SQL: what a value becomes where JS expects a number, a string, a Date or a truth value.
 * Each returns undefined when the value cannot be converted (the caller names the expression in the error).
 */
import type { SqlExpr } from './expression.js';
import type { ArgKind } from './op-registry.js';
import { combine } from './expr-sql.js';
import { sqlLiteral, typedNull } from './expr-literal.js';
import { baseType, familyOf, isInteger, isNull, isNumeric } from './expr-types.js';

const cast = (e: SqlExpr, type: string) => combine(`CAST(${e.sql} AS ${type})`, type, [e]);

/** A numeric value as DOUBLE, the type of every JS number. */
export function asDouble(e: SqlExpr): SqlExpr | undefined {
  if (isNull(e.type)) return typedNull('DOUBLE');
  if (!isNumeric(e.type)) return undefined;
  return baseType(e.type) === 'DOUBLE' ? e : cast(e, 'DOUBLE');
}

/** A numeric value with integers kept as they are and other numbers as DOUBLE. */
export function asNumber(e: SqlExpr): SqlExpr | undefined {
  return isInteger(e.type) ? e : asDouble(e);
}

/** A numeric value as BIGINT or DOUBLE: integer arithmetic in SQL wraps at the type's width, in JS it does not. */
export function asWideNumber(e: SqlExpr): SqlExpr | undefined {
  if (!isInteger(e.type)) return asDouble(e);
  return baseType(e.type) === 'BIGINT' ? e : cast(e, 'BIGINT');
}

/**
 * A numeric value as INT, truncated like JS ToIntegerOrInfinity (string positions and counts): Flink's
 * string functions take INT only (a BIGINT compiles to a call that does not exist). Going through DOUBLE
 * saturates at the INT range instead of wrapping around.
 */
export function asInteger(e: SqlExpr): SqlExpr | undefined {
  if (isNull(e.type)) return typedNull('INT');
  if (!isNumeric(e.type)) return undefined;
  if (typeof e.value === 'number') {
    const v = Number.isNaN(e.value) ? 0 : Math.trunc(e.value);
    return sqlLiteral(Math.max(Math.min(v, 2 ** 31 - 1), -(2 ** 31)));
  }
  const type = baseType(e.type);
  if (['TINYINT', 'SMALLINT', 'INT', 'INTEGER'].includes(type)) return e;
  return cast(familyOf(type) === 'float' ? e : cast(e, 'DOUBLE'), 'INT');
}

/** String(x): numbers print as JS prints them where Flink's CAST differs (5.0 → '5', true → 'true'). */
export function asString(e: SqlExpr): SqlExpr | undefined {
  const v = e.value;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return sqlLiteral(String(v));
  switch (familyOf(e.type)) {
    case 'string': return e;
    case 'null': return typedNull('STRING');
    case 'integer': return cast(e, 'STRING');
    case 'boolean': return combine(`LOWER(CAST(${e.sql} AS STRING))`, 'STRING', [e]);
    case 'float':
    case 'decimal': {
      const x = asDouble(e)!.sql;
      // whole numbers print without '.0' in JS; Flink's CAST(5.0E0 AS STRING) is '5.0'
      return combine(`CASE WHEN ${x} = FLOOR(${x}) AND ABS(${x}) < 1.0E15 THEN CAST(CAST(${x} AS BIGINT) AS STRING) ELSE CAST(${x} AS STRING) END`, 'STRING', [e]);
    }
    case 'date':
    case 'timestamp': return cast(e, 'STRING');
    default: return undefined;
  }
}

/**
 * A date as JS Date functions accept it: a DATE stays a DATE (its day fields are exact); a TIMESTAMP_LTZ or a
 * number of epoch milliseconds becomes a TIMESTAMP(3), which in the session's UTC is the same instant.
 */
export function asTime(e: SqlExpr): SqlExpr | undefined {
  if (isNull(e.type)) return typedNull('TIMESTAMP(3)');
  const type = baseType(e.type);
  if (familyOf(type) === 'date' || /^TIMESTAMP\(\d\)$/.test(type)) return e;
  if (familyOf(type) === 'timestamp') return cast(e, 'TIMESTAMP(3)');
  if (isNumeric(type)) {
    const ms = isInteger(type) ? e.sql : `CAST(${e.sql} AS BIGINT)`;
    return combine(`CAST(TO_TIMESTAMP_LTZ(${ms}, 3) AS TIMESTAMP(3))`, 'TIMESTAMP(3)', [e]);
  }
  return undefined;
}

/**
 * NOT NaN, for a DOUBLE. Not `x = x`: Flink's planner rewrites that to `x IS NOT NULL`, and `x < 0 OR x > 0`
 * to `x <> 0`, both true for NaN. x - x is 0 for finite x and NaN for NaN and the infinities.
 */
export function notNaN(sql: string): string {
  return `(${sql} - ${sql} = 0 OR ABS(${sql}) = CAST('Infinity' AS DOUBLE))`;
}

/**
 * JS truthiness as a SQL condition that is never NULL: null, undefined, NaN, 0 and '' are false. A BOOLEAN
 * stays a plain condition, NULL counting as false as SQL's WHERE and CASE WHEN already do.
 */
export function truthy(e: SqlExpr): SqlExpr | undefined {
  const test = (sql: string) => combine(sql, 'BOOLEAN', [e]);
  switch (familyOf(e.type)) {
    case 'boolean': return e;
    case 'null': return test('FALSE');
    case 'integer':
    case 'decimal': return test(`((${e.sql} <> 0) IS TRUE)`);
    case 'float': return test(`((${e.sql} <> 0 AND ${notNaN(e.sql)}) IS TRUE)`);
    case 'string': return test(`((CHAR_LENGTH(${e.sql}) > 0) IS TRUE)`);
    case 'date':
    case 'timestamp': return test(`(${e.sql} IS NOT NULL)`);
    default: return undefined;
  }
}

/** JS reads null as 0 where it wants a number (Math.abs(null) is 0): a nullable number becomes COALESCE(x, 0). */
function nullAsZero(e: SqlExpr | undefined): SqlExpr | undefined {
  if (!e || 'value' in e) return e;
  return combine(`COALESCE(${e.sql}, 0)`, baseType(e.type), [e]);
}

/** Arquero's date functions read null as the epoch (Date.prototype.setTime(null) is 0): year(null) is 1970. */
function nullAsEpoch(e: SqlExpr | undefined): SqlExpr | undefined {
  if (!e || ('value' in e && e.value !== null)) return e;
  const epoch = familyOf(e.type) === 'date' ? "DATE '1970-01-01'" : "TIMESTAMP '1970-01-01 00:00:00.000'";
  return combine(`COALESCE(${e.sql}, ${epoch})`, baseType(e.type), [e]);
}

/** An op argument converted as its kind says; undefined if it cannot be. */
export function asArg(kind: ArgKind, e: SqlExpr): SqlExpr | undefined {
  switch (kind) {
    case 'any': return e;
    case 'number': return isNull(e.type) ? typedNull('DOUBLE') : asNumber(e);
    case 'wide': return isNull(e.type) ? typedNull('DOUBLE') : asWideNumber(e);
    case 'double': return asDouble(e);
    case 'integer': return asInteger(e);
    case 'string': return asString(e);
    case 'sequence': return /^ARRAY</.test(baseType(e.type)) ? e : asString(e);
    case 'time': return nullAsEpoch(asTime(e));
    case 'math': return isNull(e.type) ? sqlLiteral(0) : nullAsZero(asNumber(e));
    case 'mathWide': return isNull(e.type) ? sqlLiteral(0) : nullAsZero(asWideNumber(e));
    case 'mathDouble': return isNull(e.type) ? sqlLiteral(0) : nullAsZero(asDouble(e));
    case 'constant': return 'value' in e ? e : undefined;
  }
}

export const KIND_NAMES: Record<ArgKind, string> = {
  any: 'a value', number: 'a number', sequence: 'a string or an array', math: 'a number', mathWide: 'a number', mathDouble: 'a number', wide: 'a number', double: 'a number', integer: 'a number',
  string: 'a string', time: 'a date', constant: 'a literal or a $ parameter',
};
