/**
 * The Flink SQL form of every Arquero `op` function the translator knows, as one table. Arquero's behaviour
 * (node_modules/arquero/src/op and https://idl.uw.edu/arquero/api/op) is the specification; where Flink cannot
 * match it the closest form is used and the difference is listed in KNOWN_DIFFERENCES (docs are generated
 * from it). Every function name used here was run on Flink 2.3 (scratch/translate checker).
 *
 * Dates: Arquero's "local time" functions use the process time zone, Flink uses the session time zone
 * (`table.local-time-zone`). flinkframe sessions run in UTC, so the local and the utc* variants are the same.
 */
import type { SqlExpr, WindowScope } from './expression.js';
import { quoteString } from './sql-text.js';
import { integerValue } from './expr-sql.js';
import { commonType, familyOf, isInteger, isNumeric } from './expr-types.js';
import { distinctPerRow, firstAppearancesPerRow, WINDOW_OPS, type Over } from './window-ops.js';

/**
 * What an argument must be. The call translator checks it and converts it the way JS would:
 * - any: passed as is
 * - number: numeric; DECIMAL and FLOAT become DOUBLE (JS numbers are doubles), integers keep their type
 * - wide: numeric as BIGINT or DOUBLE, so integer sums do not wrap at 2^31
 * - double: numeric as DOUBLE (AVG of integers is a float in JS)
 * - integer: numeric, truncated to INT (string positions, counts)
 * - string: anything, converted to its JS string form (String(x))
 * - math: numeric as 'number', with null read as 0, as JS Math functions read it (Math.abs(null) is 0)
 * - mathWide: numeric as 'wide', with null read as 0
 * - mathDouble: numeric as 'double', with null read as 0
 * - time: DATE, TIMESTAMP, TIMESTAMP_LTZ, or a number of epoch milliseconds (as JS Dates accept); null reads
 *   as the epoch, as Arquero's date functions read it (year(null) is 1970)
 * - sequence: an ARRAY (from split) as it is, anything else as 'string' (Arquero's array ops take both)
 * - constant: a literal or a param, not a column (e.g. PERCENTILE's fraction)
 */
export type ArgKind = 'any' | 'number' | 'wide' | 'double' | 'integer' | 'string' | 'time' | 'constant' | 'math' | 'mathWide' | 'mathDouble' | 'sequence';

export interface OpDef {
  /**
   * Flink SQL: a template where $0, $1, ... are the converted arguments ($type0 the first one's type), or a function of them for ops
   * whose SQL depends on the arguments (optional arguments, folding literal 0-based indexes to 1-based).
   */
  sql: string | ((args: SqlExpr[], over: Over, window?: WindowScope) => string);
  /**
   * Result type: a Flink type name, '$0' (the first converted argument's type), a type naming it ('ARRAY<$0>')
   * or 'common' (all arguments' common type).
   */
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
  /**
   * For an aggregate Flink cannot compute as a window aggregate (per row, with OVER): its per-row form, from window
   * values computed in a step before (window-ops.ts).
   */
  perRowSql?: (args: SqlExpr[], over: Over, window: WindowScope) => string;
  /** A window function (window-ops.ts): allowed only where the scope has a window (derive, filter). */
  window?: boolean;
  /**
   * Arquero's aggregates see only valid values (not null, not NaN): floating-point arguments are read as
   * NULL where they are NaN, so SQL's aggregates skip them too.
   */
  validOnly?: boolean;
  /** Where the op's value does not exist (Arquero's undefined, e.g. lag before the first row): see SqlExpr.absent. */
  absent?: (args: SqlExpr[], over: Over, window?: WindowScope) => string | undefined;
}

/** The type of a column of plain JS objects (runtime/object-values.ts). */
const OBJECT_ROW = 'ROW<`__FF_JSON` STRING, `__FF_EQUAL` STRING>'; // the translator sees types upper-cased

/** Thrown by an op's SQL function when these particular arguments have no Flink SQL form. */
export class NoSqlForm extends Error {}

/** Fills a template: $0, $1, ... become the arguments' SQL (one pass, so SQL text is never re-read). */
export function fill(template: string, args: readonly SqlExpr[]): string {
  return template.replace(/\$(\d+)/g, (_, i: string) => args[Number(i)].sql);
}

/** JS whitespace (String.prototype.trim), as a Java regex character class for REGEXP_REPLACE. */
const JS_SPACE = '[\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';

/** An ARRAY value (split's result): Arquero's sequence ops take arrays and strings alike. */
const isArray = (e: SqlExpr) => /^ARRAY</.test(e.type);

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

/** JS padStart/padEnd: never truncates (LPAD does), pads with spaces by default, an empty fill pads nothing (LPAD gives NULL). */
const pad = (fn: 'LPAD' | 'RPAD') => ([s, length, fillText]: SqlExpr[]) => {
  if (fillText?.value === '') return s.sql;
  const padding = fillText ? fillText.sql : "' '";
  const mayBeEmpty = fillText !== undefined && !('value' in fillText);
  const keep = `CHAR_LENGTH(${s.sql}) >= ${length.sql}` + (mayBeEmpty ? ` OR ${padding} = ''` : '');
  return `CASE WHEN ${keep} THEN ${s.sql} ELSE ${fn}(${s.sql}, ${length.sql}, ${padding}) END`;
};

/** A replacement string is literal text in SQL; JS gives `$&`, `$$`, ... a meaning, so refuse those. */
function literalReplacement(replacement: SqlExpr): void {
  if (typeof replacement.value === 'string' && /\$[$&`'<\d]/.test(replacement.value)) {
    throw new NoSqlForm('a replacement string with $ patterns');
  }
}

/** JS replace with a string pattern: only the first occurrence (OVERLAY is not used: it loses the replacement in an empty string). */
function replaceFirst([s, pattern, replacement]: SqlExpr[]): string {
  literalReplacement(replacement);
  const at = `POSITION(${pattern.sql} IN ${s.sql})`;
  const rest = typeof pattern.value === 'string' ? String(pattern.value.length) : `CHAR_LENGTH(${pattern.sql})`;
  return `CASE WHEN ${at} > 0 THEN LEFT(${s.sql}, ${at} - 1) || ${replacement.sql} || SUBSTRING(${s.sql}, ${at} + ${rest}) ELSE ${s.sql} END`;
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

/**
 * Date fields. Flink 2.3 reads them wrongly from a TIMESTAMP before 1970 that is not at midnight
 * (YEAR(TIMESTAMP '1969-12-31 12:00:00') is 1970, HOUR is -12), so day fields are read from the day
 * (FLOOR(t TO DAY), exact) and time fields from the seconds since that midnight.
 */
const isDate = (t: SqlExpr) => familyOf(t.type) === 'date';
const timestampOf = (t: SqlExpr) => (isDate(t) ? `CAST(${t.sql} AS TIMESTAMP(3))` : t.sql);
const dayOf = (t: SqlExpr) => (isDate(t) ? t.sql : `FLOOR(${t.sql} TO DAY)`);
const secondOfDay = (t: SqlExpr) => `TIMESTAMPDIFF(SECOND, FLOOR(${timestampOf(t)} TO DAY), ${timestampOf(t)})`;
/** EXTRACT(MILLISECOND) is negative before 1970 (-500 for 23:59:59.500). */
const millisecond = (t: SqlExpr) => `MOD(EXTRACT(MILLISECOND FROM ${timestampOf(t)}) + 1000, 1000)`;
const dayField = (template: string): OpDef => ({ sql: (a) => template.replaceAll('$day', () => dayOf(a[0])), type: 'BIGINT', args: ['time'] });
const timeField = (template: string): OpDef => ({ sql: (a) => template.replaceAll('$sod', () => secondOfDay(a[0])), type: 'INT', args: ['time'] });

/** Arquero's format_date: ISO text, shortened where the time parts are zero (Arquero's code shortens unless `shorten` is truthy). */
const formatDate = (utc: boolean) => ([d, shorten]: SqlExpr[]) => {
  const as = (pattern: string) => `DATE_FORMAT(${timestampOf(d)}, '${pattern}${utc ? "''Z''" : ''}')`;
  const full = as("yyyy-MM-dd''T''HH:mm:ss.SSS");
  if (shorten?.value) return full;
  const sod = secondOfDay(d);
  return `CASE WHEN ${millisecond(d)} <> 0 THEN ${full}`
    + ` WHEN MOD(${sod}, 60) <> 0 THEN ${as("yyyy-MM-dd''T''HH:mm:ss")}`
    + (utc
      ? ` WHEN ${sod} <> 0 THEN ${as("yyyy-MM-dd''T''HH:mm")} ELSE DATE_FORMAT(${timestampOf(d)}, 'yyyy-MM-dd') END`
      : ` ELSE ${as("yyyy-MM-dd''T''HH:mm")} END`);
};

/** The week of the year, weeks starting on `firstday` (0 = Sunday); days before the first such day are week 0. */
function week([d, firstday]: SqlExpr[]): string {
  const [doy, dow] = [`DAYOFYEAR(${dayOf(d)})`, `DAYOFWEEK(${dayOf(d)})`];
  return `((${doy} - 1 + MOD(${dow} - ${doy} + 371${firstday ? ` - ${firstday.sql}` : ''}, 7)) / 7)`;
}

/** Epoch milliseconds: EXTRACT truncates both parts toward zero, so they add up before 1970 too. */
const epochMs = (t: string) => `(EXTRACT(EPOCH FROM ${t}) * 1000 + EXTRACT(MILLISECOND FROM ${t}))`;

/** parseFloat reads the longest numeric prefix after leading whitespace. */
const FLOAT_PREFIX = `'^${JS_SPACE}*([+-]?(Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?))'`;
const INT_PREFIX = `'^${JS_SPACE}*([+-]?\\d+)'`;

function parseInt([s, radix]: SqlExpr[]): string {
  if (radix && radix.value !== 10) throw new NoSqlForm('a radix other than 10');
  return isNumeric(s.type) ? `CAST(${s.sql} AS BIGINT)` : `TRY_CAST(REGEXP_EXTRACT(${s.sql}, ${INT_PREFIX}, 1) AS BIGINT)`;
}

const caseMap = (fn: string, js: (s: string) => string) => ([s]: SqlExpr[]) =>
  typeof s.value === 'string' ? quoteString(js(s.value)) : `${fn}(${s.sql})`;

/** Math.max/min: NaN wins over every number (SQL's GREATEST orders NaN above them, LEAST below none). */
const extremum = (fn: 'GREATEST' | 'LEAST') => (a: SqlExpr[]) => {
  const call = `${fn}(${a.map((x) => x.sql).join(', ')})`;
  const nans = a.filter((x) => familyOf(x.type) === 'float' && !('value' in x && !Number.isNaN(x.value))).map((x) => `(${x.sql} - ${x.sql} <> 0 AND ABS(${x.sql}) <> CAST('Infinity' AS DOUBLE))`);
  return nans.length ? `CASE WHEN ${nans.join(' OR ')} THEN CAST('NaN' AS DOUBLE) ELSE ${call} END` : call;
};

const num = (sql: string, args: ArgKind[] = ['math']): OpDef => ({ sql, type: 'DOUBLE', args });
const agg = (sql: string, type: string, args: ArgKind[] = ['any']): OpDef => ({ sql, type, args, agg: true, validOnly: true });

/** An empty array of the i-th argument's type ($type0): Flink has no empty ARRAY[] literal. */
const emptyArray = (i: number) => `ARRAY_REMOVE(ARRAY[CAST(NULL AS $type${i})], CAST(NULL AS $type${i}))`;
const EMPTY_ARRAY = emptyArray(0);

/** The i-th values of the rows where key ($0) and value ($1) are both valid (Arquero skips the others). */
const validPairPart = (i: number) =>
  `COALESCE(ARRAY_AGG(CASE WHEN $0 IS NOT NULL AND $1 IS NOT NULL THEN $${i} END IGNORE NULLS)$over, ${emptyArray(i)})`;

/** A key-value aggregate as ROW<tag MAP<key, value>>; both arrays see the same rows in the same order. */
const pairsAgg = (tag: string): OpDef =>
  agg(`CAST(ROW(MAP_FROM_ARRAYS(${validPairPart(0)}, ${validPairPart(1)})) AS ROW<\`${tag}\` MAP<$type0, $type1>>)`, `ROW<\`${tag}\` MAP<$0, $1>>`, ['any', 'any']);

/** JSON.stringify(x) for values whose JSON text Flink writes as JS does (not doubles: Flink writes 3.0, JS 3). */
function toJson([x]: SqlExpr[]): string {
  const family = familyOf(x.type);
  if (!['string', 'integer', 'boolean', 'null'].includes(family)) throw new NoSqlForm(`a value of type ${x.type} (JSON text of numbers with a fraction, dates and objects differs)`);
  return `COALESCE(JSON_STRING(${x.sql}), 'null')`;
}

export const OPS: Record<string, OpDef> = {
  // window functions: their own table, with the OVER clauses they need
  ...WINDOW_OPS,

  // aggregates: Arquero skips null (and NaN) values; SQL aggregates skip NULL
  count: { ...agg('COUNT(*)$over', 'BIGINT', []), validOnly: false },
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
  // Arquero counts null as one more distinct value; per row (no windowed COUNT(DISTINCT)): window-ops.ts distinctPerRow
  distinct: { ...agg('(COUNT(DISTINCT $0)$over + CASE WHEN COUNT($0)$over < COUNT(*)$over THEN 1 ELSE 0 END)', 'BIGINT'), perRowSql: distinctPerRow },
  valid: agg('COUNT($0)$over', 'BIGINT'),
  invalid: agg('(COUNT(*)$over - COUNT($0)$over)', 'BIGINT'),
  any: agg('FIRST_VALUE($0)$over', '$0'),
  median: agg('PERCENTILE($0, 0.5)$over', 'DOUBLE', ['number']),
  // PERCENTILE interpolates linearly between the closest ranks, as Arquero's quantile does (measured)
  quantile: agg('PERCENTILE($0, $1)$over', 'DOUBLE', ['number', 'constant']),
  // Arquero collects the valid values in row order: per row, the window's ORDER BY gives that order; rollup
  // computes it per row first on an ordered table (verbs/rollup.ts). No valid value gives [], not NULL.
  array_agg: agg(`COALESCE(ARRAY_AGG($0 IGNORE NULLS)$over, ${EMPTY_ARRAY})`, 'ARRAY<$0>'),
  // in rollup, first appearances in no particular order (IGNORE NULLS and FILTER still gave [null] with DISTINCT);
  // per row, Flink has no DISTINCT window aggregate: window-ops.ts firstAppearancesPerRow
  array_agg_distinct: {
    ...agg(`COALESCE(ARRAY_REMOVE(ARRAY_AGG(DISTINCT $0), CAST(NULL AS $type0)), ${EMPTY_ARRAY})`, 'ARRAY<$0>'),
    perRowSql: (args, over, window) => `COALESCE(${firstAppearancesPerRow(args, over, window)}, ${EMPTY_ARRAY})`,
  },
  // key-value aggregates: a MAP built from the valid pairs in row order (duplicate keys kept), wrapped in a ROW
  // whose one field name says which JS value collect makes of it (runtime/collect-nested.ts, docs/semantics.md)
  entries_agg: pairsAgg('__ff_entries'),
  object_agg: pairsAgg('__ff_object'),
  map_agg: pairsAgg('__ff_map'),

  // math (Math.* and op.*)
  // on BIGINT, so ABS of the smallest INT does not wrap around
  abs: { sql: 'ABS($0)', type: '$0', args: ['mathWide'] },
  sign: { sql: 'SIGN($0)', type: '$0', args: ['math'] },
  ceil: { sql: onFloat('CEIL($0)'), type: '$0', args: ['math'] },
  floor: { sql: onFloat('FLOOR($0)'), type: '$0', args: ['math'] },
  // Math.round rounds halves up (-2.5 → -2); SQL ROUND rounds them away from zero
  round: { sql: onFloat('FLOOR($0 + 0.5E0)'), type: '$0', args: ['math'] },
  // not TRUNCATE: Flink's TRUNCATE(DOUBLE) fails on NaN
  trunc: { sql: onFloat('CASE WHEN $0 < 0 THEN CEIL($0) ELSE FLOOR($0) END'), type: '$0', args: ['math'] },
  sqrt: num('SQRT($0)'),
  cbrt: num('(SIGN($0) * POWER(ABS($0), 1.0E0 / 3))', ['mathDouble']),
  exp: num('EXP($0)'),
  expm1: num('(EXP($0) - 1)'),
  log: num('LN($0)'),
  log10: num('LOG10($0)'),
  log2: num('LOG2($0)'),
  log1p: num('LN(1 + $0)'),
  pow: num('POWER($0, $1)', ['math', 'math']),
  sin: num('SIN($0)'),
  cos: num('COS($0)'),
  tan: num('TAN($0)'),
  asin: num('ASIN($0)'),
  acos: num('ACOS($0)'),
  atan: num('ATAN($0)'),
  atan2: num('ATAN2($0, $1)', ['math', 'math']),
  sinh: num('SINH($0)'),
  cosh: num('COSH($0)'),
  tanh: num('TANH($0)'),
  // by symmetry, so large negative values do not cancel out (x + SQRT(x * x + 1) is 0 in doubles)
  asinh: num('(SIGN($0) * LN(ABS($0) + SQRT($0 * $0 + 1)))', ['mathDouble']),
  acosh: num('LN($0 + SQRT($0 * $0 - 1))', ['mathDouble']),
  atanh: num('(0.5E0 * LN((1 + $0) / (1 - $0)))', ['mathDouble']),
  degrees: num('DEGREES($0)'),
  radians: num('RADIANS($0)'),
  fround: num('CAST(CAST($0 AS FLOAT) AS DOUBLE)'),
  greatest: { sql: extremum('GREATEST'), type: 'common', args: ['math'], variadic: true },
  least: { sql: extremum('LEAST'), type: 'common', args: ['math'], variadic: true },
  random: { sql: 'RAND()', type: 'DOUBLE', args: [] },
  // x - x is 0 for finite numbers, NaN for NaN and the infinities (see notNaN in expr-coerce.ts)
  is_nan: {
    sql: (a) => (familyOf(a[0].type) !== 'float' ? 'FALSE' : `COALESCE(${a[0].sql} - ${a[0].sql} <> 0 AND ABS(${a[0].sql}) <> CAST('Infinity' AS DOUBLE), FALSE)`),
    type: 'BOOLEAN', args: ['any'],
  },
  is_finite: {
    sql: (a) => (familyOf(a[0].type) === 'float' ? `COALESCE(${a[0].sql} - ${a[0].sql} = 0, FALSE)` : isNumeric(a[0].type) ? `(${a[0].sql} IS NOT NULL)` : 'FALSE'),
    type: 'BOOLEAN', args: ['any'],
  },
  bin: {
    sql: (a) => fill(`CASE WHEN $0 < $1 THEN CAST('-Infinity' AS DOUBLE) WHEN $0 > $2 THEN CAST('Infinity' AS DOUBLE) ELSE $1 + $3 * FLOOR(1.0E-14 + ($0 - $1) / $3 + ${a[4] ? '$4' : '0'}) END`, a),
    type: 'DOUBLE', args: ['double', 'double', 'double', 'double', 'double'], optional: 1,
  },

  // strings: Arquero returns null for null input, false/-1/0 for the tests
  // on a literal (CHAR(n)) Flink cuts the result to n characters: UPPER('straße') is 'STRASS'; JS does it now
  lower: { sql: caseMap('LOWER', (s) => s.toLowerCase()), type: 'STRING', args: ['string'] },
  upper: { sql: caseMap('UPPER', (s) => s.toUpperCase()), type: 'STRING', args: ['string'] },
  trim: { sql: `REGEXP_REPLACE($0, '^${JS_SPACE}+|${JS_SPACE}+$', '')`, type: 'STRING', args: ['string'] },
  length: { sql: (a) => fill(isArray(a[0]) ? 'COALESCE(CARDINALITY($0), 0)' : 'COALESCE(CHAR_LENGTH($0), 0)', a), type: 'INT', args: ['sequence'] },
  // an array's elements joined with JS's separator (',' by default), nulls as ''; split(null) is [] in Arquero,
  // so a null array joins to ''; not an array: null, as in Arquero
  join: {
    sql: ([a, sep]) => (isArray(a) ? `COALESCE(ARRAY_JOIN(${a.sql}, ${sep ? sep.sql : "','"}, ''), '')` : 'CAST(NULL AS STRING)'),
    type: 'STRING', args: ['sequence', 'string'], optional: 1,
  },
  // An array only unroll can take apart: arrays are not moved to JS yet.
  split: { sql: 'SPLIT($0, $1)', type: 'ARRAY<STRING>', args: ['string', 'string'] },
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
  includes: {
    sql: (a) => fill(isArray(a[0]) ? 'COALESCE(ARRAY_CONTAINS($0, $1), FALSE)' : 'COALESCE(POSITION($1 IN $0) > 0, FALSE)', a),
    type: 'BOOLEAN', args: ['sequence', 'string'],
  },
  indexof: {
    sql: (a) => fill(isArray(a[0]) ? '(COALESCE(ARRAY_POSITION($0, $1), 0) - 1)' : 'COALESCE(POSITION($1 IN $0) - 1, -1)', a),
    type: 'INT', args: ['sequence', 'string'],
  },
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
  to_json: { sql: toJson, type: 'STRING', args: ['any'] },
  // recode(value, map, fallback): a CASE over the map's keys, built by expr-recode.ts from the constant map
  recode: { sql: () => { throw new NoSqlForm('a map that is not a constant object or Map'); }, type: 'common', args: ['any', 'constant', 'any'], optional: 1 },
  // join semantics: null equals nothing
  equal: {
    sql: (a) => {
      // columns of objects (runtime/object-values.ts): their deep-equality texts
      if (a.every((x) => x.type.toUpperCase().startsWith(OBJECT_ROW))) return `COALESCE(${a[0].sql}.\`__ff_equal\` = ${a[1].sql}.\`__ff_equal\`, FALSE)`;
      if (!commonType(a.map((x) => x.type))) throw new NoSqlForm('values of two types SQL cannot compare');
      return fill('COALESCE($0 = $1, FALSE)', a);
    },
    type: 'BOOLEAN', args: ['any', 'any'],
  },

  // dates: Arquero months, quarters and days of the week count from 0
  year: dayField('YEAR($day)'),
  quarter: dayField('(QUARTER($day) - 1)'),
  month: dayField('(MONTH($day) - 1)'),
  date: dayField('DAYOFMONTH($day)'),
  dayofweek: dayField('(DAYOFWEEK($day) - 1)'),
  dayofyear: dayField('DAYOFYEAR($day)'),
  hours: timeField('($sod / 3600)'),
  minutes: timeField('MOD($sod / 60, 60)'),
  seconds: timeField('MOD($sod, 60)'),
  milliseconds: { sql: (a) => millisecond(a[0]), type: 'INT', args: ['time'] },
  week: { sql: week, type: 'BIGINT', args: ['time', 'integer'], optional: 1 },
  timestamp: { sql: (a) => epochMs(timestampOf(a[0])), type: 'BIGINT', args: ['time'] },
  now: { sql: epochMs('CURRENT_TIMESTAMP'), type: 'BIGINT', args: [] },
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
  split: 'split',
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

const ARRAYS = 'returns an array, and has no Flink SQL form yet (ARRAY columns can be collected; this op is not mapped)';
const OBJECTS = 'returns a JS object, which has no Flink SQL column type flinkframe can return';
const OBJECT_INPUT = 'reads JS objects, and flinkframe columns hold no objects (no MAP or ROW columns reach Flink)';

/** Arquero ops with no Flink SQL form, and why: the error names the reason. */
export const UNTRANSLATED: Record<string, string> = {
  product: 'runs exactly as a JavaScript aggregate when it is the whole value of a rollup or of an unordered derive ({ p: op.product(d.x) }, frame/js-aggregates.ts); here it has no exact Flink SQL form (EXP(SUM(LN(x))) is inexact and fails on zero and negative values): roll it up first, then derive from the result',
  mode: 'runs as a JavaScript aggregate when it is the whole value of a rollup or of an unordered derive ({ m: op.mode(d.x) }; ties go to the first value seen, in row order with rowOrder: \'arquero\'); here it has no Flink SQL aggregate: the most frequent value needs a grouping of its own',
  covariance: 'runs as a JavaScript aggregate when it is the whole value of a rollup or of an unordered derive ({ c: op.covariance(d.x, d.y) }); here it has no Flink SQL form (Flink 2.3 has no COVAR_SAMP, and the sum-of-products formula loses the precision of Arquero\'s running update)',
  covariancep: 'runs as a JavaScript aggregate when it is the whole value of a rollup or of an unordered derive ({ c: op.covariancep(d.x, d.y) }); here it has no Flink SQL form (Flink 2.3 has no COVAR_POP, and the sum-of-products formula loses the precision of Arquero\'s running update)',
  corr: 'runs as a JavaScript aggregate when it is the whole value of a rollup or of an unordered derive ({ r: op.corr(d.x, d.y) }); here it has no Flink SQL form (Flink 2.3 has no CORR, and the sum-of-products formula loses the precision of Arquero\'s running update)',
  bins: 'is array-valued: it is read only as the spread in op.bin(d.x, ...op.bins(d.x, n)) (or the bin() helper) in derive and groupby, where a pre-query gives its three numbers (frame/bins-spread.ts)',
  match: 'matches a JS regular expression; Flink\'s regular expressions are Java\'s, whose syntax and matches differ',
  sequence: ARRAYS, compact: ARRAYS, concat: ARRAYS, pluck: ARRAYS,
  entries: ARRAYS, has: OBJECT_INPUT, keys: ARRAYS, object: OBJECTS, values: ARRAYS, row_object: OBJECTS,
  parse_json: 'returns JS values of any type (objects, arrays, numbers) from one string column; a Flink SQL column has one type',
  normalize: 'has no Flink SQL function (Unicode normalization)',
  clz32: 'has no Flink SQL function (Flink 2.3 has no bit operations)',
};

/**
 * Where the Flink SQL translation does not behave as Arquero does (docs are generated from this list).
 * Each was seen in the differential check against Flink 2.3 (scratch/translate) unless it says otherwise.
 */
export const KNOWN_DIFFERENCES: { op: string; difference: string }[] = [
  { op: 'split', difference: "Splits on a string separator only (no regex, no limit); ''.split(' ') gives no element where JS gives [''] (so op.length(op.split('', ' ')) is 0, not 1). Arrays stay inside Flink: they can be unrolled, spread or given to length, includes, indexof and join, not returned." },
  { op: '+ - * / % ** < <= > >=', difference: 'Arithmetic on null gives null and a comparison with null is false; JS converts null to 0, so null + 1 is 1 and null < 1 is true.' },
  { op: '+ (strings), template literals', difference: 'Concatenating null gives null; JS writes "null".' },
  { op: '+ (strings), template literals, String()', difference: 'Doubles print as Java does except for whole numbers below 1e15: 1e-7 prints 1.0E-7, 123456789.125 prints 1.23456789125E8. Dates print as yyyy-MM-dd HH:mm:ss.SSS, not as Date.prototype.toString().' },
  { op: '+ - * (integers), sum', difference: 'Integer results are BIGINT and wrap around beyond 2^63; JS numbers lose precision beyond 2^53 but do not wrap.' },
  { op: '%', difference: 'On doubles it is x - y * trunc(x / y), which can differ from JS in the last bits or more when x / y is large (2147483647 % 1e-7). An integer % 0 gives null, JS gives NaN.' },
  { op: '&& ||', difference: 'On a boolean column holding null, SQL three-valued logic decides: null && false is false and null || false is null, where JS gives null and false (comparisons are never null, so only nullable boolean values are concerned). Which rows a filter keeps is the same.' },
  { op: '=== !== == != op.equal', difference: 'Comparing a column with itself (d.y === d.y) is true for NaN: Flink simplifies x = x to x IS NOT NULL. Dates compare by value; JS compares Date objects by identity.' },
  { op: '< <= > >= ||', difference: 'Flink\'s planner merges range tests (x < 0 || x > 0 becomes x <> 0), which is then true for NaN; JS gives false.' },
  { op: 'length substring slice charAt indexof lastindexof padstart padend reverse', difference: 'Positions and lengths count Unicode code points; JS counts UTF-16 code units, so strings with characters beyond U+FFFF (emoji) give other lengths and positions. JS can split such a character in two; Flink never does.' },
  { op: 'string methods (d.s.toUpperCase() ...)', difference: 'On null they give null; in JS they throw a TypeError.' },
  { op: 'parse_float parse_int parseFloat parseInt', difference: 'Text with no number gives null; JS gives NaN (both are invalid values in Arquero). parse_int reads radix 10 only and does not read 0x prefixes.' },
  { op: 'parse_date', difference: 'Reads ISO 8601 text (yyyy-MM-dd, yyyy-MM-dd[T ]HH:mm:ss[.SSS][Z]) only; other formats Date.parse accepts (offsets, HH:mm without seconds, "March 7, 2020") give null.' },
  { op: 'array_agg', difference: 'On a table with neither orderby nor a row ordinal (rowOrder \'arquero\') the values come in an arbitrary order; Arquero keeps input order. A group with no valid value gives null, not [].' },
  { op: 'array_agg_distinct', difference: 'In a rollup of an unordered table the values come in an arbitrary order (Arquero: first appearance); per row (derive) and in a rollup of an ordered table they come in first-appearance order. Not over a rolling frame.' },
  { op: 'distinct', difference: 'Per row (derive, filter) over whole groups only, not over a rolling frame: Flink has no windowed COUNT(DISTINCT), so the count is the highest dense rank of the values, computed in a step before.' },
  { op: 'entries_agg object_agg map_agg', difference: 'The column is a Flink MAP in a one-field ROW whose name gives the JS form collect makes (docs/semantics.md); without orderby or a row ordinal the pairs come in an arbitrary order, so which duplicate key wins in object_agg and map_agg is arbitrary too.' },
  { op: 'any', difference: 'Gives the valid value of an arbitrary row (FIRST_VALUE without an order); Arquero gives the first valid value in input order.' },
  { op: 'recode', difference: 'Keys match the value\'s JS string form (`${value}`) for strings, numbers, booleans and null; a map used with a date column, or keys of mixed kinds in a Map, are refused.' },
  { op: 'row_number lag lead first_value last_value nth_value fill_down fill_up rolling()', difference: 'Rows tied on every orderby key come in an arbitrary order (Arquero keeps their input order), so these can differ between tied rows; order by a unique key too. On a table without orderby they are refused (Arquero would use input order).' },
  { op: 'cume_dist ntile', difference: 'The first row of a partition counts its ties, as every other row does; Arquero 8.0.3 gives that row 1/size (its scan for ties starts at the second row), and ntile follows.' },
  { op: 'round', difference: 'FLOOR(x + 0.5): differs from Math.round for 0.49999999999999994 and odd integers above 2^52 (not seen in the check).' },
  { op: 'cbrt expm1 log1p asinh acosh atanh', difference: 'Computed from POWER, EXP and LN: results can differ from JS in the last bits, and expm1/log1p lose precision near 0.' },
  { op: 'date functions', difference: 'Arquero\'s local-time functions use the Node process time zone; here they use the session time zone, which is UTC, so year() and utcyear() agree.' },
  { op: 'datetime utcdatetime', difference: 'Dates outside years 0000-9999 are out of Flink\'s range: JS gives Invalid Date (or an extended year), Flink a wrong date.' },
];
