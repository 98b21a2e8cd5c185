import { quoteString } from './sql-text.js';
import type { SqlExpr } from './expression.js';
import { constant } from './expr-sql.js';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;

/** A JS double as a Flink DOUBLE literal: Flink reads `1.5` as DECIMAL(2, 1), `1.5E0` as DOUBLE. */
function doubleLiteral(value: number): SqlExpr {
  if (Number.isNaN(value)) return constant("CAST('NaN' AS DOUBLE)", 'DOUBLE', value);
  if (!Number.isFinite(value)) return constant(`CAST('${value > 0 ? '' : '-'}Infinity' AS DOUBLE)`, 'DOUBLE', value);
  return constant(value.toExponential().replace('e+', 'E').replace('e-', 'E-'), 'DOUBLE', value);
}

function numberLiteral(value: number): SqlExpr {
  if (!Number.isSafeInteger(value)) return doubleLiteral(value);
  if (value >= INT_MIN && value <= INT_MAX) return constant(String(value), 'INT', value);
  return constant(`CAST(${value} AS BIGINT)`, 'BIGINT', value);
}

/** ISO text of a Date in UTC, as Flink's TIMESTAMP literal wants it: the session time zone is UTC. */
function timestampLiteral(value: Date): SqlExpr {
  if (Number.isNaN(value.getTime())) return constant('CAST(NULL AS TIMESTAMP(3))', 'TIMESTAMP(3)', null);
  return constant(`TIMESTAMP '${value.toISOString().replace('T', ' ').replace('Z', '')}'`, 'TIMESTAMP(3)', value);
}

/**
 * A JS value (a literal in a lambda, or a param) as a Flink SQL literal with its type; undefined when the
 * value has no scalar SQL form (objects, arrays, functions). null has the type 'NULL' until its context
 * gives it one (see typedNull).
 */
export function sqlLiteral(value: unknown): SqlExpr | undefined {
  if (value === null || value === undefined) return constant('NULL', 'NULL', null);
  if (typeof value === 'boolean') return constant(value ? 'TRUE' : 'FALSE', 'BOOLEAN', value);
  if (typeof value === 'string') return constant(quoteString(value), 'STRING', value);
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'bigint') {
    return value >= BIGINT_MIN && value <= BIGINT_MAX ? constant(`CAST(${value} AS BIGINT)`, 'BIGINT', value) : undefined;
  }
  if (value instanceof Date) return timestampLiteral(value);
  return undefined;
}

/** NULL with a type: Flink refuses an untyped NULL as a function argument or a select item. */
export function typedNull(type: string): SqlExpr {
  return constant(`CAST(NULL AS ${type})`, type, null);
}
