/**
 * Flink SQL type names as the expression translator reasons about them. JavaScript has one number type
 * (a double), so every numeric column reads as a "number"; integers stay integers in SQL where the inputs
 * are (as BIGINT, so sums and products do not wrap at 2^31), everything else numeric becomes DOUBLE.
 */
export type TypeFamily = 'integer' | 'float' | 'decimal' | 'string' | 'boolean' | 'date' | 'timestamp' | 'null' | 'other';

/** The type without nullability ('INT NOT NULL' → 'INT'), upper case. */
export function baseType(type: string): string {
  return type.replace(/\s+NOT\s+NULL\s*$/i, '').trim().toUpperCase();
}

const FAMILY_PATTERNS: [RegExp, TypeFamily][] = [
  [/^(TINYINT|SMALLINT|INT|INTEGER|BIGINT)$/, 'integer'],
  [/^(FLOAT|REAL|DOUBLE|DOUBLE PRECISION)$/, 'float'],
  [/^(DECIMAL|DEC|NUMERIC)\b/, 'decimal'],
  [/^(STRING|VARCHAR|CHAR|CHARACTER)\b/, 'string'],
  [/^BOOLEAN$/, 'boolean'],
  [/^DATE$/, 'date'],
  [/^(TIMESTAMP|TIMESTAMP_LTZ)\b/, 'timestamp'],
  [/^NULL$/, 'null'],
];

export function familyOf(type: string): TypeFamily {
  const base = baseType(type);
  return FAMILY_PATTERNS.find(([pattern]) => pattern.test(base))?.[1] ?? 'other';
}

export const isNumeric = (type: string) => ['integer', 'float', 'decimal'].includes(familyOf(type));
export const isInteger = (type: string) => familyOf(type) === 'integer';
export const isString = (type: string) => familyOf(type) === 'string';
export const isBoolean = (type: string) => familyOf(type) === 'boolean';
export const isTemporal = (type: string) => ['date', 'timestamp'].includes(familyOf(type));
export const isNull = (type: string) => familyOf(type) === 'null';

/** The result type of JS arithmetic on these operand types: BIGINT if all are integers, else DOUBLE. */
export function numberType(types: string[]): 'BIGINT' | 'DOUBLE' {
  return types.every((t) => isInteger(t) || isNull(t)) ? 'BIGINT' : 'DOUBLE';
}

const INTEGER_WIDTH: Record<string, number> = { TINYINT: 1, SMALLINT: 2, INT: 4, INTEGER: 4, BIGINT: 8 };

/**
 * The one type that values of all these types can share (for CASE, COALESCE, GREATEST): the widest integer,
 * DOUBLE for mixed numbers, STRING for strings, the type itself if all agree. Undefined if they cannot mix
 * (a string and a number), which has no SQL form.
 */
export function commonType(types: string[]): string | undefined {
  const known = types.map(baseType).filter((t) => !isNull(t));
  if (known.length === 0) return 'NULL';
  if (known.every((t) => t === known[0])) return isString(known[0]) ? 'STRING' : known[0];
  if (known.every(isInteger)) return known.reduce((a, b) => (INTEGER_WIDTH[b] > INTEGER_WIDTH[a] ? b : a));
  if (known.every(isNumeric)) return 'DOUBLE';
  if (known.every(isString)) return 'STRING';
  return undefined;
}
