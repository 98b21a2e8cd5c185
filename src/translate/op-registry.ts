/**
 * The Flink SQL form of every Arquero `op` function the translator knows, as one table. Arquero's behaviour
 * (node_modules/arquero/src/op and https://idl.uw.edu/arquero/api/op) is the specification; where Flink cannot
 * match it the closest form is used and the difference is listed in KNOWN_DIFFERENCES (docs are generated
 * from it). Every function name used here was run on Flink 2.3 (scratch/translate checker).
 *
 * Dates: Arquero's "local time" functions use the process time zone, Flink uses the session time zone
 * (`table.local-time-zone`). flinkframe sessions run in UTC, so the local and the utc* variants are the same.
 */
import type { SqlExpr } from './expression.js';
import { integerValue } from './expr-sql.js';
import { isInteger, isNumeric } from './expr-types.js';

/**
 * What an argument must be. The call translator checks it and converts it the way JS would:
 * - any: passed as is
 * - number: numeric; DECIMAL and FLOAT become DOUBLE (JS numbers are doubles), integers keep their type
 * - wide: numeric as BIGINT or DOUBLE, so integer sums do not wrap at 2^31
 * - double: numeric as DOUBLE (AVG of integers is a float in JS)
 * - integer: numeric, truncated to INT (string positions, counts)
 * - string: anything, converted to its JS string form (String(x))
 * - time: DATE, TIMESTAMP, TIMESTAMP_LTZ, or a number of epoch milliseconds (as JS Dates accept)
 * - constant: a literal or a param, not a column (e.g. PERCENTILE's fraction)
 */
export type ArgKind = 'any' | 'number' | 'wide' | 'double' | 'integer' | 'string' | 'time' | 'constant';

export interface OpDef {
  /**
   * Flink SQL: a template where $0, $1, ... are the converted arguments, or a function of them for ops
   * whose SQL depends on the arguments (optional arguments, folding literal 0-based indexes to 1-based).
   */
  sql: string | ((args: SqlExpr[]) => string);
  /** Result type: a Flink type name, '$0' (the first converted argument's type) or 'common' (all arguments' common type). */
  type: string;
  args: ArgKind[];
  /** How many trailing arguments may be left out (JS defaults apply). */
  optional?: number;
  /** The last argument kind repeats (GREATEST, LEAST). */
  variadic?: boolean;
  /**
   * An aggregate function: one value per group. Its template puts `$over` after each SQL aggregate call,
   * where a window clause goes when the aggregate is computed per row (derive over groups).
   */
  agg?: boolean;
}

/** Thrown by an op's SQL function when these particular arguments have no Flink SQL form. */
export class NoSqlForm extends Error {}

/** Fills a template: $0, $1, ... become the arguments' SQL (one pass, so SQL text is never re-read). */
export function fill(template: string, args: readonly SqlExpr[]): string {
  return template.replace(/\$(\d+)/g, (_, i: string) => args[Number(i)].sql);
}

/** JS whitespace (String.prototype.trim), as a Java regex character class for REGEXP_REPLACE. */
const JS_SPACE = '[\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';

/** An integer-valued op on an integer column is the column itself (Math.floor(3) === 3). */
const onFloat = (fn: string) => (a: SqlExpr[]) => (isInteger(a[0].type) ? a[0].sql : fill(fn, a));

/** A JS string index (0-based) as a SQL position (1-based), folded when it is a literal. */
const position = (index: SqlExpr) => {
  const i = integerValue(index);
  return i !== undefined ? String(Math.max(i, 0) + 1) : `GREATEST(${index.sql}, 0) + 1`;
};

/** JS String.prototype.substring: negative indexes are 0, and the two ends swap if start > end. */
function substring([s, start, end]: SqlExpr[]): string {
  if (!start) return s.sql;
  if (!end) return integerValue(start) === 0 ? s.sql : `SUBSTRING(${s.sql}, ${position(start)})`;
  const [i, j] = [integerValue(start), integerValue(end)];
  if (i !== undefined && j !== undefined) {
    const [lo, hi] = [Math.max(Math.min(i, j), 0), Math.max(i, j, 0)];
    return `SUBSTRING(${s.sql}, ${lo + 1}, ${hi - lo})`;
  }
  const lo = `LEAST(GREATEST(${start.sql}, 0), GREATEST(${end.sql}, 0))`;
  return `SUBSTRING(${s.sql}, ${lo} + 1, GREATEST(${start.sql}, ${end.sql}, 0) - ${lo})`;
}

/** JS String.prototype.slice: negative indexes count from the end; empty if start >= end. */
function slice([s, start, end]: SqlExpr[]): string {
  const index = (e: SqlExpr) => {
    const i = integerValue(e);
    if (i !== undefined) return i >= 0 ? String(i) : `GREATEST(CHAR_LENGTH(${s.sql}) - ${-i}, 0)`;
    return `CASE WHEN ${e.sql} < 0 THEN GREATEST(CHAR_LENGTH(${s.sql}) + ${e.sql}, 0) ELSE ${e.sql} END`;
  };
  if (!start) return s.sql;
  const from = index(start);
  const at = /^\d+$/.test(from) ? String(Number(from) + 1) : `${from} + 1`;
  if (!end) return at === '1' ? s.sql : `SUBSTRING(${s.sql}, ${at})`;
  const to = index(end);
  const count = /^\d+$/.test(from) && /^\d+$/.test(to) ? String(Math.max(Number(to) - Number(from), 0)) : `GREATEST(${to} - ${from}, 0)`;
  return `SUBSTRING(${s.sql}, ${at}, ${count})`;
}

/** JS padStart/padEnd: never truncates (LPAD does), pads with spaces by default, an empty fill pads nothing. */
const pad = (fn: 'LPAD' | 'RPAD') => ([s, length, fillText]: SqlExpr[]) => {
  const padding = fillText ? fillText.sql : "' '";
  const emptyFill = fillText && fillText.value !== undefined ? fillText.value === '' : fillText !== undefined;
  const keep = `CHAR_LENGTH(${s.sql}) >= ${length.sql}` + (emptyFill ? ` OR ${padding} = ''` : '');
  return `CASE WHEN ${keep} THEN ${s.sql} ELSE ${fn}(${s.sql}, ${length.sql}, ${padding}) END`;
};

/** A replacement string is literal text in SQL; JS gives `$&`, `$$`, ... a meaning, so refuse those. */
function literalReplacement(replacement: SqlExpr): void {
  if (typeof replacement.value === 'string' && /\$[$&`'<\d]/.test(replacement.value)) {
    throw new NoSqlForm('a replacement string with $ patterns');
  }
}

/** JS replace with a string pattern: only the first occurrence. */
function replaceFirst(a: SqlExpr[]): string {
  literalReplacement(a[2]);
  const at = `POSITION(${a[1].sql} IN ${a[0].sql})`;
  return `CASE WHEN ${at} > 0 THEN OVERLAY(${a[0].sql} PLACING ${a[2].sql} FROM ${at} FOR CHAR_LENGTH(${a[1].sql})) ELSE ${a[0].sql} END`;
}

/** new Date(year, month, date, hours, minutes, seconds, ms): each part added in turn, so overflow rolls over as in JS. */
function datetime(a: SqlExpr[]): string {
  if (a.length === 0) return 'LOCALTIMESTAMP';
  const year = integerValue(a[0]);
  // JS reads years 0-99 as 1900-1999
  const fullYear = year !== undefined ? String(year >= 0 && year <= 99 ? year + 1900 : year) : `CASE WHEN ${a[0].sql} BETWEEN 0 AND 99 THEN ${a[0].sql} + 1900 ELSE ${a[0].sql} END`;
  let sql = year !== undefined && +fullYear >= 1000 && +fullYear <= 9999
    ? `TIMESTAMP '${fullYear}-01-01 00:00:00.000'`
    : `TIMESTAMPADD(YEAR, ${fullYear} - 1970, TIMESTAMP '1970-01-01 00:00:00.000')`;
  const units = ['MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND'];
  a.slice(1).forEach((part, i) => {
    const start = units[i] === 'DAY' ? 1 : 0; // days count from 1, the rest from 0
    const v = integerValue(part);
    if (v === start) return;
    const amount = v !== undefined ? String(v - start) : start ? `${part.sql} - 1` : part.sql;
    sql = `TIMESTAMPADD(${units[i]}, ${amount}, ${sql})`;
  });
  return sql;
}

/** Arquero's format_date: ISO text, shortened where the time parts are zero (Arquero's code shortens unless `shorten` is truthy). */
const formatDate = (utc: boolean) => ([d, shorten]: SqlExpr[]) => {
  const as = (pattern: string) => `DATE_FORMAT(${d.sql}, '${pattern}${utc ? "''Z''" : ''}')`;
  const full = as("yyyy-MM-dd''T''HH:mm:ss.SSS");
  if (shorten?.value) return full;
  return `CASE WHEN MOD(EXTRACT(MILLISECOND FROM ${d.sql}) + 1000, 1000) <> 0 THEN ${full}`
    + ` WHEN SECOND(${d.sql}) <> 0 THEN ${as("yyyy-MM-dd''T''HH:mm:ss")}`
    + (utc
      ? ` WHEN MINUTE(${d.sql}) <> 0 OR HOUR(${d.sql}) <> 0 THEN ${as("yyyy-MM-dd''T''HH:mm")} ELSE DATE_FORMAT(${d.sql}, 'yyyy-MM-dd') END`
      : ` ELSE ${as("yyyy-MM-dd''T''HH:mm")} END`);
};

/** The week of the year, weeks starting on `firstday` (0 = Sunday); days before the first such day are week 0. */
function week([d, firstday]: SqlExpr[]): string {
  const first = firstday ? ` - ${firstday.sql}` : '';
  return `((DAYOFYEAR(${d.sql}) - 1 + MOD(DAYOFWEEK(${d.sql}) - DAYOFYEAR(${d.sql}) + 371${first}, 7)) / 7)`;
}

/** The epoch milliseconds of a date (EXTRACT truncates toward zero in both parts, so they add up before 1970 too). */
const EPOCH_MS = '(EXTRACT(EPOCH FROM $0) * 1000 + EXTRACT(MILLISECOND FROM $0))';

/** parseFloat reads the longest numeric prefix after leading whitespace. */
const FLOAT_PREFIX = `'^${JS_SPACE}*([+-]?(Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?))'`;
const INT_PREFIX = `'^${JS_SPACE}*([+-]?\\d+)'`;

function parseInt([s, radix]: SqlExpr[]): string {
  if (radix && radix.value !== 10) throw new NoSqlForm('a radix other than 10');
  return isNumeric(s.type) ? `CAST(${s.sql} AS BIGINT)` : `TRY_CAST(REGEXP_EXTRACT(${s.sql}, ${INT_PREFIX}, 1) AS BIGINT)`;
}

const num = (sql: string, args: ArgKind[] = ['number']): OpDef => ({ sql, type: 'DOUBLE', args });
const datePart = (sql: string): OpDef => ({ sql, type: 'BIGINT', args: ['time'] });
const agg = (sql: string, type: string, args: ArgKind[] = ['any']): OpDef => ({ sql, type, args, agg: true });

export const OPS: Record<string, OpDef> = {
  // aggregates: Arquero skips null (and NaN) values; SQL aggregates skip NULL
  count: agg('COUNT(*)$over', 'BIGINT', []),
  sum: agg('SUM($0)$over', '$0', ['wide']),
  mean: agg('AVG($0)$over', 'DOUBLE', ['double']),
  average: agg('AVG($0)$over', 'DOUBLE', ['double']),
  min: agg('MIN($0)$over', '$0'),
  max: agg('MAX($0)$over', '$0'),
  variance: agg('VAR_SAMP($0)$over', 'DOUBLE', ['double']),
  stdev: agg('STDDEV_SAMP($0)$over', 'DOUBLE', ['double']),
  // Arquero gives null for a single value; VAR_POP gives 0
  variancep: agg('CASE WHEN COUNT($0)$over > 1 THEN VAR_POP($0)$over END', 'DOUBLE', ['double']),
  stdevp: agg('CASE WHEN COUNT($0)$over > 1 THEN STDDEV_POP($0)$over END', 'DOUBLE', ['double']),
  // Arquero counts null as one more distinct value
  distinct: agg('(COUNT(DISTINCT $0)$over + CASE WHEN COUNT($0)$over < COUNT(*)$over THEN 1 ELSE 0 END)', 'BIGINT'),
  valid: agg('COUNT($0)$over', 'BIGINT'),
  invalid: agg('(COUNT(*)$over - COUNT($0)$over)', 'BIGINT'),
  any: agg('FIRST_VALUE($0)$over', '$0'),
  median: agg('PERCENTILE($0, 0.5)$over', 'DOUBLE', ['number']),
  quantile: agg('PERCENTILE($0, $1)$over', 'DOUBLE', ['number', 'constant']),

  // math (Math.* and op.*)
  abs: { sql: 'ABS($0)', type: '$0', args: ['number'] },
  sign: { sql: 'SIGN($0)', type: '$0', args: ['number'] },
  ceil: { sql: onFloat('CEIL($0)'), type: '$0', args: ['number'] },
  floor: { sql: onFloat('FLOOR($0)'), type: '$0', args: ['number'] },
  // Math.round rounds halves up (-2.5 → -2); SQL ROUND rounds them away from zero
  round: { sql: onFloat('FLOOR($0 + 0.5E0)'), type: '$0', args: ['number'] },
  // not TRUNCATE: Flink's TRUNCATE(DOUBLE) fails on NaN
  trunc: { sql: onFloat('CASE WHEN $0 < 0 THEN CEIL($0) ELSE FLOOR($0) END'), type: '$0', args: ['number'] },
  sqrt: num('SQRT($0)'),
  cbrt: num('(SIGN($0) * POWER(ABS($0), 1.0E0 / 3))'),
  exp: num('EXP($0)'),
  expm1: num('(EXP($0) - 1)'),
  log: num('LN($0)'),
  log10: num('LOG10($0)'),
  log2: num('LOG2($0)'),
  log1p: num('LN(1 + $0)'),
  pow: num('POWER($0, $1)', ['number', 'number']),
  sin: num('SIN($0)'),
  cos: num('COS($0)'),
  tan: num('TAN($0)'),
  asin: num('ASIN($0)'),
  acos: num('ACOS($0)'),
  atan: num('ATAN($0)'),
  atan2: num('ATAN2($0, $1)', ['number', 'number']),
  sinh: num('SINH($0)'),
  cosh: num('COSH($0)'),
  tanh: num('TANH($0)'),
  asinh: num('LN($0 + SQRT($0 * $0 + 1))', ['double']),
  acosh: num('LN($0 + SQRT($0 * $0 - 1))', ['double']),
  atanh: num('(0.5E0 * LN((1 + $0) / (1 - $0)))', ['double']),
  degrees: num('DEGREES($0)'),
  radians: num('RADIANS($0)'),
  fround: num('CAST(CAST($0 AS FLOAT) AS DOUBLE)'),
  greatest: { sql: (a) => `GREATEST(${a.map((x) => x.sql).join(', ')})`, type: 'common', args: ['number'], variadic: true },
  least: { sql: (a) => `LEAST(${a.map((x) => x.sql).join(', ')})`, type: 'common', args: ['number'], variadic: true },
  random: { sql: 'RAND()', type: 'DOUBLE', args: [] },
  // Flink compares NaN equal to NaN (JS does not); that is what makes this test work
  is_nan: { sql: (a) => (isInteger(a[0].type) || !isNumeric(a[0].type) ? 'FALSE' : `COALESCE(${a[0].sql} = CAST('NaN' AS DOUBLE), FALSE)`), type: 'BOOLEAN', args: ['any'] },
  is_finite: {
    sql: (a) => (isInteger(a[0].type) ? `(${a[0].sql} IS NOT NULL)` : isNumeric(a[0].type) ? `COALESCE(ABS(${a[0].sql}) < CAST('Infinity' AS DOUBLE), FALSE)` : 'FALSE'),
    type: 'BOOLEAN', args: ['any'],
  },
  bin: {
    sql: (a) => fill(`CASE WHEN $0 < $1 THEN CAST('-Infinity' AS DOUBLE) WHEN $0 > $2 THEN CAST('Infinity' AS DOUBLE) ELSE $1 + $3 * FLOOR(1.0E-14 + ($0 - $1) / $3 + ${a[4] ? '$4' : '0'}) END`, a),
    type: 'DOUBLE', args: ['double', 'double', 'double', 'double', 'double'], optional: 1,
  },

  // strings: Arquero returns null for null input, false/-1/0 for the tests
  lower: { sql: 'LOWER($0)', type: 'STRING', args: ['string'] },
  upper: { sql: 'UPPER($0)', type: 'STRING', args: ['string'] },
  trim: { sql: `REGEXP_REPLACE($0, '^${JS_SPACE}+|${JS_SPACE}+$', '')`, type: 'STRING', args: ['string'] },
  length: { sql: 'COALESCE(CHAR_LENGTH($0), 0)', type: 'INT', args: ['string'] },
  substring: { sql: substring, type: 'STRING', args: ['string', 'integer', 'integer'], optional: 2 },
  slice: { sql: slice, type: 'STRING', args: ['string', 'integer', 'integer'], optional: 2 },
  startswith: {
    sql: (a) => (a[2] ? `COALESCE(STARTSWITH(SUBSTRING(${a[0].sql}, ${position(a[2])}), ${a[1].sql}), FALSE)` : fill('COALESCE(STARTSWITH($0, $1), FALSE)', a)),
    type: 'BOOLEAN', args: ['string', 'string', 'integer'], optional: 1,
  },
  endswith: {
    sql: (a) => (a[2] ? `COALESCE(ENDSWITH(LEFT(${a[0].sql}, GREATEST(${a[2].sql}, 0)), ${a[1].sql}), FALSE)` : fill('COALESCE(ENDSWITH($0, $1), FALSE)', a)),
    type: 'BOOLEAN', args: ['string', 'string', 'integer'], optional: 1,
  },
  includes: { sql: 'COALESCE(POSITION($1 IN $0) > 0, FALSE)', type: 'BOOLEAN', args: ['string', 'string'] },
  indexof: { sql: 'COALESCE(POSITION($1 IN $0) - 1, -1)', type: 'INT', args: ['string', 'string'] },
  lastindexof: {
    sql: 'CASE WHEN POSITION(REVERSE($1) IN REVERSE($0)) > 0 THEN CHAR_LENGTH($0) - CHAR_LENGTH($1) - POSITION(REVERSE($1) IN REVERSE($0)) + 1 ELSE -1 END',
    type: 'INT', args: ['string', 'string'],
  },
  padstart: { sql: pad('LPAD'), type: 'STRING', args: ['string', 'integer', 'string'], optional: 1 },
  padend: { sql: pad('RPAD'), type: 'STRING', args: ['string', 'integer', 'string'], optional: 1 },
  repeat: { sql: 'REPEAT($0, $1)', type: 'STRING', args: ['string', 'integer'] },
  replace: { sql: replaceFirst, type: 'STRING', args: ['string', 'string', 'string'] },
  reverse: { sql: 'REVERSE($0)', type: 'STRING', args: ['string'] },
  parse_float: {
    sql: (a) => (isNumeric(a[0].type) ? `CAST(${a[0].sql} AS DOUBLE)` : `TRY_CAST(REGEXP_EXTRACT(${a[0].sql}, ${FLOAT_PREFIX}, 1) AS DOUBLE)`),
    type: 'DOUBLE', args: ['any'],
  },
  parse_int: { sql: parseInt, type: 'BIGINT', args: ['any', 'constant'], optional: 1 },
  // ISO 8601 text as JS Date.parse reads it, without offsets; 'Z' (UTC) is the session zone
  parse_date: { sql: "TRY_CAST(REPLACE(REGEXP_REPLACE($0, 'Z$', ''), 'T', ' ') AS TIMESTAMP(3))", type: 'TIMESTAMP(3)', args: ['string'] },
  // join semantics: null equals nothing
  equal: { sql: 'COALESCE($0 = $1, FALSE)', type: 'BOOLEAN', args: ['any', 'any'] },

  // dates: Arquero months, quarters and days of the week count from 0
  year: datePart('YEAR($0)'),
  quarter: datePart('(QUARTER($0) - 1)'),
  month: datePart('(MONTH($0) - 1)'),
  date: datePart('DAYOFMONTH($0)'),
  dayofweek: datePart('(DAYOFWEEK($0) - 1)'),
  dayofyear: datePart('DAYOFYEAR($0)'),
  hours: datePart('HOUR($0)'),
  minutes: datePart('MINUTE($0)'),
  seconds: datePart('SECOND($0)'),
  // EXTRACT(MILLISECOND) is negative before 1970
  milliseconds: datePart('MOD(EXTRACT(MILLISECOND FROM $0) + 1000, 1000)'),
  week: { sql: week, type: 'BIGINT', args: ['time', 'integer'], optional: 1 },
  timestamp: datePart(EPOCH_MS),
  now: { sql: EPOCH_MS.replaceAll('$0', 'CURRENT_TIMESTAMP'), type: 'BIGINT', args: [] },
  datetime: { sql: datetime, type: 'TIMESTAMP(3)', args: ['integer', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer'], optional: 7 },
  format_date: { sql: formatDate(false), type: 'STRING', args: ['time', 'constant'], optional: 1 },
  format_utcdate: { sql: formatDate(true), type: 'STRING', args: ['time', 'constant'], optional: 1 },
};

// the session time zone is UTC (see the top of this file)
for (const name of ['year', 'quarter', 'month', 'date', 'dayofweek', 'dayofyear', 'hours', 'minutes', 'seconds', 'milliseconds', 'week', 'datetime']) {
  OPS[`utc${name}`] = OPS[name];
}

/** String(x): the string conversion of arguments of kind 'string' does the work. */
const TO_STRING: OpDef = { sql: '$0', type: 'STRING', args: ['string'] };

/** JS methods called on a value (`d.s.toUpperCase()`): the op they are, with the receiver as first argument. */
export const METHODS: Record<string, string | OpDef> = {
  toUpperCase: 'upper',
  toLowerCase: 'lower',
  trim: 'trim',
  trimStart: { sql: `REGEXP_REPLACE($0, '^${JS_SPACE}+', '')`, type: 'STRING', args: ['string'] },
  trimEnd: { sql: `REGEXP_REPLACE($0, '${JS_SPACE}+$', '')`, type: 'STRING', args: ['string'] },
  startsWith: 'startswith',
  endsWith: 'endswith',
  includes: 'includes',
  indexOf: 'indexof',
  lastIndexOf: 'lastindexof',
  slice: 'slice',
  substring: 'substring',
  padStart: 'padstart',
  padEnd: 'padend',
  repeat: 'repeat',
  replace: 'replace',
  replaceAll: { sql: (a) => (literalReplacement(a[2]), fill('REPLACE($0, $1, $2)', a)), type: 'STRING', args: ['string', 'string', 'string'] },
  charAt: { sql: (a) => `SUBSTRING(${a[0].sql}, ${position(a[1])}, 1)`, type: 'STRING', args: ['string', 'integer'] },
  toString: TO_STRING,
  getFullYear: 'year',
  getMonth: 'month',
  getDate: 'date',
  getDay: 'dayofweek',
  getHours: 'hours',
  getMinutes: 'minutes',
  getSeconds: 'seconds',
  getMilliseconds: 'milliseconds',
  getTime: 'timestamp',
  valueOf: 'timestamp',
  getUTCFullYear: 'year',
  getUTCMonth: 'month',
  getUTCDate: 'date',
  getUTCDay: 'dayofweek',
  getUTCHours: 'hours',
  getUTCMinutes: 'minutes',
  getUTCSeconds: 'seconds',
  getUTCMilliseconds: 'milliseconds',
};

/** Functions reached as `Math.name(...)` (Arquero maps Math.max/min to greatest/least) or as JS globals. */
export const GLOBAL_FUNCTIONS: Record<string, string | OpDef> = {
  'Math.max': 'greatest',
  'Math.min': 'least',
  'Number.isNaN': 'is_nan',
  'Number.isFinite': 'is_finite',
  'Number.parseFloat': 'parse_float',
  'Number.parseInt': 'parse_int',
  parseFloat: 'parse_float',
  parseInt: 'parse_int',
  String: TO_STRING,
};

/** Named constants (Math.PI, NaN, ...) as JS values; the literal translator gives them their SQL form. */
export const CONSTANTS: Record<string, unknown> = {
  undefined: undefined,
  NaN: NaN,
  Infinity: Infinity,
  'Math.E': Math.E,
  'Math.LN2': Math.LN2,
  'Math.LN10': Math.LN10,
  'Math.LOG2E': Math.LOG2E,
  'Math.LOG10E': Math.LOG10E,
  'Math.PI': Math.PI,
  'Math.SQRT1_2': Math.SQRT1_2,
  'Math.SQRT2': Math.SQRT2,
};

const WINDOW = 'is a window function; window functions are not translated to Flink SQL yet';
const ARRAYS = 'returns an array or object; arrays and objects are not translated to Flink SQL yet';

/** Arquero ops with no Flink SQL form (yet), and why: the error names the reason. */
export const UNTRANSLATED: Record<string, string> = {
  product: 'has no exact Flink SQL aggregate (EXP(SUM(LN(x))) is inexact)',
  mode: 'has no Flink SQL aggregate (the most frequent value needs a separate grouping)',
  covariance: 'has no Flink SQL aggregate (Flink 2.3 has no COVAR_SAMP)',
  covariancep: 'has no Flink SQL aggregate (Flink 2.3 has no COVAR_POP)',
  corr: 'has no Flink SQL aggregate (Flink 2.3 has no CORR)',
  bins: 'is computed by the bin() helper of the frame, not as an expression',
  array_agg: ARRAYS, array_agg_distinct: ARRAYS, object_agg: ARRAYS, map_agg: ARRAYS, entries_agg: ARRAYS,
  split: ARRAYS, match: 'matches a regular expression; JS regular expressions are not translated to Flink SQL',
  sequence: ARRAYS, compact: ARRAYS, concat: ARRAYS, join: ARRAYS, pluck: ARRAYS,
  entries: ARRAYS, has: ARRAYS, keys: ARRAYS, object: ARRAYS, values: ARRAYS, row_object: ARRAYS,
  parse_json: ARRAYS, to_json: 'serializes JS values as JSON, which has no Flink SQL form',
  recode: 'is not translated to Flink SQL yet',
  normalize: 'has no Flink SQL function (Unicode normalization)',
  clz32: 'has no Flink SQL function (bit operations)',
  row_number: WINDOW, rank: WINDOW, avg_rank: WINDOW, dense_rank: WINDOW, percent_rank: WINDOW,
  cume_dist: WINDOW, ntile: WINDOW, lag: WINDOW, lead: WINDOW, first_value: WINDOW, last_value: WINDOW,
  nth_value: WINDOW, fill_down: WINDOW, fill_up: WINDOW,
};

/** Where the Flink SQL translation does not behave as Arquero does (docs are generated from this list). */
export const KNOWN_DIFFERENCES: { op: string; difference: string }[] = [];
