import type { SqlExpr } from './expression.js';

/** JS truthiness for a filter whose expression is not a boolean: 0, NaN, '' and null drop the row. */
const truthy: [RegExp, (sql: string) => string][] = [
  [/^BOOLEAN/, (sql) => `COALESCE(${sql}, FALSE)`],
  [/^(TINYINT|SMALLINT|INT|BIGINT|DECIMAL)/, (sql) => `COALESCE(${sql} <> 0, FALSE)`],
  [/^(FLOAT|DOUBLE)/, (sql) => `COALESCE(${sql} <> 0 AND NOT (${sql} <> ${sql}), FALSE)`],
  [/^(STRING|VARCHAR|CHAR)/, (sql) => `COALESCE(CHAR_LENGTH(${sql}) > 0, FALSE)`],
];

export function asPredicate(expr: SqlExpr): string {
  const rule = truthy.find(([type]) => type.test(expr.type));
  return rule ? rule[1](expr.sql) : `(${expr.sql}) IS NOT NULL`;
}
