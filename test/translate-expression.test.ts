// Unit tests of the expression translator: SQL text, types, kinds and errors. No Flink here: the SQL was run on
// Flink 2.3 against Arquero by the differential checker (scratch/translate), and end-to-end tests run it again.
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { FlinkFrameError } from '../src/errors.js';
import { translateExpr, translatePredicate, type ExprScope } from '../src/translate/expression.js';
import { KNOWN_DIFFERENCES, METHODS, OPS, UNTRANSLATED } from '../src/translate/op-registry.js';

const { op } = aq;
type D = any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const k: number;
declare function zoneOf(x: unknown, y: unknown): string;

const scope: ExprScope = {
  verb: 'derive',
  schema: [
    { name: 'a', type: 'INT' }, { name: 'b', type: 'BIGINT NOT NULL' }, { name: 'x', type: 'DOUBLE' },
    { name: 's', type: 'STRING' }, { name: 't', type: 'TIMESTAMP(3)' }, { name: 'dt', type: 'DATE' },
    { name: 'f', type: 'BOOLEAN' }, { name: 'dec', type: 'DECIMAL(10, 2)' }, { name: 'my col', type: 'INT' },
  ],
  params: { lo: 3, name: "o'brien", ids: [1, 2], when: new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6)), cfg: { k: 2.5 }, col: 'a', big: 2 ** 40 },
};
const sql = (value: unknown, s: ExprScope = scope) => translateExpr('out', value, s).sql;
const typeOf = (value: unknown) => translateExpr('out', value, scope).type;
const error = (value: unknown, s: ExprScope = scope): string => {
  try {
    translateExpr('out', value, s);
  } catch (e) {
    expect(e).toBeInstanceOf(FlinkFrameError);
    return (e as Error).message;
  }
  throw new Error('expected a FlinkFrameError');
};

describe('translateExpr: operators with JS semantics', () => {
  it.each([
    ['integer arithmetic widens to BIGINT', (d: D) => d.a * 2 + 1, '((CAST(`a` AS BIGINT) * 2) + 1)', 'BIGINT'],
    ['BIGINT columns need no cast', (d: D) => d.b - d.a, '(`b` - `a`)', 'BIGINT'],
    ['mixed numbers are DOUBLE', (d: D) => d.a + d.x, '(`a` + `x`)', 'DOUBLE'],
    ['DECIMAL computes as DOUBLE, as JS numbers do', (d: D) => d.dec * 2, '(CAST(`dec` AS DOUBLE) * 2)', 'DOUBLE'],
    ['/ is float division', (d: D) => d.a / d.b, '(CAST(`a` AS DOUBLE) / `b`)', 'DOUBLE'],
    ['% on integers is MOD, NULL for a zero divisor', (d: D) => d.a % d.b, 'MOD(`a`, NULLIF(`b`, 0))', 'BIGINT'],
    ['% by a literal', (d: D) => d.a % 3, 'MOD(`a`, 3)', 'INT'],
    ['% on doubles keeps the sign of the dividend', (d: D) => d.x % 2, '(`x` - 2 * CASE WHEN `x` / 2 < 0 THEN CEIL(`x` / 2) ELSE FLOOR(`x` / 2) END)', 'DOUBLE'],
    ['**', (d: D) => d.x ** 2, 'POWER(`x`, 2)', 'DOUBLE'],
    ['unary minus never writes --', (d: D) => d.x - -1, '(`x` - -1)', 'DOUBLE'],
    ['negation', (d: D) => -d.x, '(-`x`)', 'DOUBLE'],
    ['string + anything concatenates', (d: D) => d.s + d.a, '(`s` || CAST(`a` AS STRING))', 'STRING'],
    ['booleans print as JS prints them', (d: D) => 'f=' + d.f, "('f=' || LOWER(CAST(`f` AS STRING)))", 'STRING'],
    ['template literals', (d: D) => `${d.s}: ${d.a}`, "(`s` || ': ' || CAST(`a` AS STRING))", 'STRING'],
    ['=== null is IS NULL', (d: D) => d.s === null, '(`s` IS NULL)', 'BOOLEAN'],
    ['== undefined is IS NULL', 'd.s == undefined', '(`s` IS NULL)', 'BOOLEAN'],
    ['!== null is IS NOT NULL', (d: D) => d.s !== null, '(`s` IS NOT NULL)', 'BOOLEAN'],
    ['=== is true for null === null', (d: D) => d.a === d.b, '(`a` IS NOT DISTINCT FROM `b`)', 'BOOLEAN'],
    ['!== keeps null rows as JS does', (d: D) => d.s !== 'x', "(`s` IS DISTINCT FROM 'x')", 'BOOLEAN'],
    ['a comparison is true or false, never null, as in JS', (d: D) => d.x > 1, '((`x` > 1) IS TRUE)', 'BOOLEAN'],
    ['a DATE meets a TIMESTAMP as TIMESTAMP(3)', (d: D) => d.dt < d.t, '((CAST(`dt` AS TIMESTAMP(3)) < `t`) IS TRUE)', 'BOOLEAN'],
    ['! is IS NOT TRUE (JS !null is true)', (d: D) => !d.f, '(`f` IS NOT TRUE)', 'BOOLEAN'],
    ['! of a string tests emptiness', (d: D) => !d.s, '(((CHAR_LENGTH(`s`) > 0) IS TRUE) IS NOT TRUE)', 'BOOLEAN'],
    ['&& of booleans', (d: D) => d.f && d.a > 0, '(`f` AND ((`a` > 0) IS TRUE))', 'BOOLEAN'],
    ['|| picks a value by truthiness', (d: D) => d.s || 'none', "CASE WHEN ((CHAR_LENGTH(`s`) > 0) IS TRUE) THEN `s` ELSE 'none' END", 'STRING'],
    ['??', (d: D) => d.a ?? 0, 'COALESCE(`a`, 0)', 'INT'],
    ['ternary', (d: D) => (d.a > 0 ? 'pos' : 'neg'), "CASE WHEN (`a` > 0) THEN 'pos' ELSE 'neg' END", 'STRING'],
    ['ternary branches meet at a common type', (d: D) => (d.f ? d.a : d.x), 'CASE WHEN `f` THEN `a` ELSE `x` END', 'DOUBLE'],
    ['unary + of a date is epoch ms', (d: D) => +d.t, "(EXTRACT(EPOCH FROM COALESCE(`t`, TIMESTAMP '1970-01-01 00:00:00.000')) * 1000 + EXTRACT(MILLISECOND FROM COALESCE(`t`, TIMESTAMP '1970-01-01 00:00:00.000')))", 'BIGINT'],
    ['constants fold in JS', () => 1 / 0 + 2, "CAST('Infinity' AS DOUBLE)", 'DOUBLE'],
    ['a constant left side of && decides', (d: D, $: D) => $.lo > 10 && d.a, 'FALSE', 'BOOLEAN'],
  ])('%s', (_, value, expected, type) => {
    const result = translateExpr('out', value, scope);
    expect(result.sql).toBe(expected);
    expect(result.type).toBe(type);
  });
});

describe('translateExpr: literals and params', () => {
  it.each([
    [() => 42, '42', 'INT'],
    [() => 3000000000, 'CAST(3000000000 AS BIGINT)', 'BIGINT'],
    [() => 1.5, '1.5E0', 'DOUBLE'],
    [() => 1e-7, '1E-7', 'DOUBLE'],
    [() => NaN, "CAST('NaN' AS DOUBLE)", 'DOUBLE'],
    [() => -Infinity, "CAST('-Infinity' AS DOUBLE)", 'DOUBLE'],
    [() => true, 'TRUE', 'BOOLEAN'],
    [() => "it's", "'it''s'", 'STRING'],
    [() => null, 'CAST(NULL AS STRING)', 'STRING'],
    [() => Math.PI, '3.141592653589793E0', 'DOUBLE'],
    [(d: D, $: D) => $.name, "'o''brien'", 'STRING'],
    [(d: D, $: D) => $.when, "TIMESTAMP '2020-01-02 03:04:05.006'", 'TIMESTAMP(3)'],
    [(d: D, $: D) => $.big, 'CAST(1099511627776 AS BIGINT)', 'BIGINT'],
    [(d: D, $: D) => $.cfg.k * d.x, '(2.5E0 * `x`)', 'DOUBLE'],
  ])('%s', (value, expected, type) => {
    const result = translateExpr('out', value, scope);
    expect(result.sql).toBe(expected);
    expect(result.type).toBe(type);
    expect(result.columns.length === 0 || typeof value === 'function').toBe(true);
  });

  it('reads params by name, destructured, and as column names', () => {
    expect(sql((d: D, $: D) => d.x * $.lo)).toBe('(`x` * 3)');
    expect(sql((d: D, { lo }: D) => d.x * lo)).toBe('(`x` * 3)');
    expect(sql((d: D, $: D) => d[$.col] + 1)).toBe('(CAST(`a` AS BIGINT) + 1)');
    // as in Arquero, a bare name that is a param reads it; any other free name is a closure (refused)
    expect(sql('d.x * lo')).toBe('(`x` * 3)');
    expect(error('d.x * hi')).toMatch(/variable "hi".*params/);
  });

  it('expands a constant list in includes to IN', () => {
    expect(sql((d: D, $: D) => $.ids.includes(d.a))).toBe('COALESCE(`a` IN (1, 2), FALSE)');
    expect(sql((d: D) => op.includes(['p', null], d.s))).toBe("(`s` IS NULL OR COALESCE(`s` IN ('p'), FALSE))");
  });
});

describe('translateExpr: forms of input', () => {
  it('accepts lambdas, strings, op objects, destructuring and block bodies', () => {
    expect(sql('d.a + 1')).toBe('(CAST(`a` AS BIGINT) + 1)');
    expect(sql(op.mean('x'))).toBe("AVG(CASE WHEN ABS(`x`) <= 1.7976931348623157E308 OR ABS(`x`) = CAST('Infinity' AS DOUBLE) THEN `x` END)");
    expect(sql(op.quantile('x', 0.25))).toBe("PERCENTILE(CASE WHEN ABS(`x`) <= 1.7976931348623157E308 OR ABS(`x`) = CAST('Infinity' AS DOUBLE) THEN `x` END, 2.5E-1)");
    expect(sql(({ a, x }: D) => a + x)).toBe('(`a` + `x`)');
    expect(sql((d: D) => { const y = d.a * 2; return y + 1; })).toBe('((CAST(`a` AS BIGINT) * 2) + 1)'); // prettier-ignore
    expect(sql(function (d: D) { return d.s; })).toBe('`s`'); // prettier-ignore
    expect(sql((d: D) => d['my col'])).toBe('`my col`');
  });

  it('inlines const declarations where they are used', () => {
    expect(sql((d: D) => { const ids = [1, 2]; return ids.includes(d.a); })).toBe('COALESCE(`a` IN (1, 2), FALSE)'); // prettier-ignore
    expect(translateExpr('m', (d: D) => { const v = d.x * 2; return op.mean(v); }, scope).kind).toBe('aggregate'); // prettier-ignore
    expect(error('(d) => { const y = y + 1; return y; }')).toContain('reads the variable "y"');
  });

  it('reports the columns read, in order, and the types as Flink names them without NOT NULL', () => {
    const result = translateExpr('out', (d: D) => d.x * d.b + d.x, scope);
    expect(result.columns).toEqual(['x', 'b']);
    expect(translateExpr('out', (d: D) => d.b, scope).type).toBe('BIGINT');
  });
});

describe('translateExpr: the op registry', () => {
  it.each([
    [(d: D) => op.lower(d.s), 'LOWER(`s`)', 'STRING'],
    [(d: D) => d.s.toUpperCase(), 'UPPER(`s`)', 'STRING'],
    [(d: D) => op.upper(d.a), 'UPPER(CAST(`a` AS STRING))', 'STRING'],
    [() => op.upper('straße'), "'STRASSE'", 'STRING'],
    [(d: D) => d.s.length, 'COALESCE(CHAR_LENGTH(`s`), 0)', 'INT'],
    [(d: D) => d.s.substring(1, 3), 'SUBSTRING(`s`, 2, 2)', 'STRING'],
    [(d: D) => d.s.substring(3, 1), 'SUBSTRING(`s`, 2, 2)', 'STRING'],
    [(d: D) => d.s.slice(-3), 'SUBSTRING(`s`, GREATEST(CHAR_LENGTH(`s`) - 3, 0) + 1)', 'STRING'],
    [(d: D) => op.substring(d.s, d.b), 'SUBSTRING(`s`, GREATEST(CAST(CAST(`b` AS DOUBLE) AS INT), 0) + 1)', 'STRING'],
    [(d: D) => d.s.startsWith('a'), "COALESCE(STARTSWITH(`s`, 'a'), FALSE)", 'BOOLEAN'],
    [(d: D) => d.s.includes('a'), "COALESCE(POSITION('a' IN `s`) > 0, FALSE)", 'BOOLEAN'],
    [(d: D) => d.s.indexOf('a'), "COALESCE(POSITION('a' IN `s`) - 1, -1)", 'INT'],
    [(d: D) => d.s.padStart(5, '0'), "CASE WHEN CHAR_LENGTH(`s`) >= 5 THEN `s` ELSE LPAD(`s`, 5, '0') END", 'STRING'],
    [(d: D) => d.s.replace('a', 'b'), "CASE WHEN POSITION('a' IN `s`) > 0 THEN LEFT(`s`, POSITION('a' IN `s`) - 1) || 'b' || SUBSTRING(`s`, POSITION('a' IN `s`) + 1) ELSE `s` END", 'STRING'],
    [(d: D) => d.s.replaceAll('a', 'b'), "REPLACE(`s`, 'a', 'b')", 'STRING'],
    [(d: D) => Math.round(d.x), "FLOOR(COALESCE(`x`, 0) + 0.5E0)", 'DOUBLE'],
    [(d: D) => Math.round(d.a), "COALESCE(`a`, 0)", 'INT'],
    [(d: D) => Math.max(d.a, d.x), "CASE WHEN (COALESCE(`x`, 0) - COALESCE(`x`, 0) <> 0 AND ABS(COALESCE(`x`, 0)) <> CAST('Infinity' AS DOUBLE)) THEN CAST('NaN' AS DOUBLE) ELSE GREATEST(COALESCE(`a`, 0), COALESCE(`x`, 0)) END", 'DOUBLE'],
    [(d: D) => Math.trunc(d.x), "CASE WHEN COALESCE(`x`, 0) < 0 THEN CEIL(COALESCE(`x`, 0)) ELSE FLOOR(COALESCE(`x`, 0)) END", 'DOUBLE'],
    [(d: D) => op.log(d.x), "LN(COALESCE(`x`, 0))", 'DOUBLE'],
    [(d: D) => op.is_nan(d.x), "COALESCE(`x` - `x` <> 0 AND ABS(`x`) <> CAST('Infinity' AS DOUBLE), FALSE)", 'BOOLEAN'],
    [(d: D) => op.month(d.t), "(MONTH(FLOOR(COALESCE(`t`, TIMESTAMP '1970-01-01 00:00:00.000') TO DAY)) - 1)", 'BIGINT'],
    [(d: D) => op.year(d.dt), "YEAR(COALESCE(`dt`, DATE '1970-01-01'))", 'BIGINT'],
    [(d: D) => op.dayofweek(d.t), "(DAYOFWEEK(FLOOR(COALESCE(`t`, TIMESTAMP '1970-01-01 00:00:00.000') TO DAY)) - 1)", 'BIGINT'],
    [(d: D) => op.hours(d.t), "(TIMESTAMPDIFF(SECOND, FLOOR(COALESCE(`t`, TIMESTAMP '1970-01-01 00:00:00.000') TO DAY), COALESCE(`t`, TIMESTAMP '1970-01-01 00:00:00.000')) / 3600)", 'INT'],
    [(d: D) => d.t.getUTCFullYear(), "YEAR(FLOOR(COALESCE(`t`, TIMESTAMP '1970-01-01 00:00:00.000') TO DAY))", 'BIGINT'],
    [(d: D) => op.year(d.b), "YEAR(FLOOR(COALESCE(CAST(TO_TIMESTAMP_LTZ(`b`, 3) AS TIMESTAMP(3)), TIMESTAMP '1970-01-01 00:00:00.000') TO DAY))", 'BIGINT'],
    [() => op.datetime(2020, 1, 15), "TIMESTAMPADD(DAY, 14, TIMESTAMPADD(MONTH, 1, TIMESTAMP '2020-01-01 00:00:00.000'))", 'TIMESTAMP(3)'],
    [(d: D) => op.equal(d.a, d.b), 'COALESCE(`a` = `b`, FALSE)', 'BOOLEAN'],
    [(d: D) => op.parse_int(d.s), "TRY_CAST(REGEXP_EXTRACT(`s`, '^[\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]*([+-]?\\d+)', 1) AS BIGINT)", 'BIGINT'],
  ])('%s', (value, expected, type) => {
    const result = translateExpr('out', value, scope);
    expect(result.sql).toBe(expected);
    expect(result.type).toBe(type);
  });

  it('translates aggregates with Arquero semantics', () => {
    const rollup = { ...scope, verb: 'rollup' };
    expect(translateExpr('n', op.count(), rollup)).toMatchObject({ sql: 'COUNT(*)', type: 'BIGINT', kind: 'aggregate', columns: [] });
    expect(translateExpr('m', op.mean('a'), rollup)).toMatchObject({ sql: 'AVG(CAST(`a` AS DOUBLE))', type: 'DOUBLE', kind: 'aggregate' });
    expect(sql(op.sum('a'), rollup)).toBe('SUM(CAST(`a` AS BIGINT))');
    expect(sql(op.variancep('x'), rollup)).toBe("CASE WHEN COUNT(CASE WHEN ABS(`x`) <= 1.7976931348623157E308 OR ABS(`x`) = CAST('Infinity' AS DOUBLE) THEN `x` END) > 1 THEN VAR_POP(CASE WHEN ABS(`x`) <= 1.7976931348623157E308 OR ABS(`x`) = CAST('Infinity' AS DOUBLE) THEN `x` END) END");
    expect(sql(op.distinct('s'), rollup)).toBe('(COUNT(DISTINCT `s`) + CASE WHEN COUNT(`s`) < COUNT(*) THEN 1 ELSE 0 END)');
    expect(sql('op.sum(d.a) / op.count()', rollup)).toBe('(CAST(SUM(CAST(`a` AS BIGINT)) AS DOUBLE) / COUNT(*))');
    expect(typeOf(op.max('s'))).toBe('STRING');
  });

  it('makes aggregates window aggregates when the scope has `over`', () => {
    const over = { ...scope, over: 'PARTITION BY `s`' };
    expect(translateExpr('z', (d: D) => d.x - op.mean(d.x), over)).toMatchObject({
      sql: "(`x` - AVG(CASE WHEN ABS(`x`) <= 1.7976931348623157E308 OR ABS(`x`) = CAST('Infinity' AS DOUBLE) THEN `x` END) OVER (PARTITION BY `s`))",
      kind: 'window',
    });
    expect(error((d: D) => op.distinct(d.s), over)).toMatch(/no DISTINCT window aggregate/);
  });

  it('builds OVER clauses from the window scope (groups, order, rolling frame)', () => {
    const windowed = { ...scope, window: { partition: ['s'], order: [{ column: 'a', desc: true }] } };
    expect(translateExpr('r', () => op.row_number(), windowed)).toMatchObject({
      sql: 'ROW_NUMBER() OVER (PARTITION BY `s` ORDER BY `a` DESC)', type: 'BIGINT', kind: 'window',
    });
    // the whole partition, spelled as an ordered frame on an ordered table (Flink's planner fails on LAG beside OVER (PARTITION BY s))
    expect(sql((d: D) => op.mean(d.x), windowed)).toBe("AVG(CASE WHEN ABS(`x`) <= 1.7976931348623157E308 OR ABS(`x`) = CAST('Infinity' AS DOUBLE) THEN `x` END) OVER (PARTITION BY `s` ORDER BY `a` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)");
    expect(sql((d: D) => op.lag(d.x, 2, 0), windowed)).toBe("CASE WHEN LAG(1, 2) OVER (PARTITION BY `s` ORDER BY `a` DESC) IS NULL THEN CAST(0 AS DOUBLE) ELSE LAG(`x`, 2) OVER (PARTITION BY `s` ORDER BY `a` DESC) END");
    const rolling = { ...windowed, window: { ...windowed.window, frame: { before: 2, after: 0, peers: false } } };
    expect(sql((d: D) => op.sum(d.a), rolling)).toBe('SUM(CAST(`a` AS BIGINT)) OVER (PARTITION BY `s` ORDER BY `a` DESC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)');
    const unordered = { ...scope, window: { partition: [], order: [] } };
    expect(sql((d: D) => op.max(d.a), unordered)).toBe('MAX(`a`) OVER ()');
    expect(error(() => op.rank(), unordered)).toMatch(/op\.rank\(\).*not ordered.*orderby/);
    expect(error((d: D) => op.lag(op.mean(d.x)), windowed)).toContain('derive it first');
    expect(error((d: D) => op.sum(op.row_number()), windowed)).toContain('inside an aggregate');
  });

  it('keeps the registry consistent', () => {
    for (const [name, def] of Object.entries(OPS)) {
      expect(UNTRANSLATED[name], name).toBeUndefined();
      expect(def.args.length >= (def.optional ?? 0), name).toBe(true);
    }
    for (const target of Object.values(METHODS)) if (typeof target === 'string') expect(OPS[target], target).toBeDefined();
    expect(KNOWN_DIFFERENCES.length).toBeGreaterThan(0);
    for (const d of KNOWN_DIFFERENCES) expect(d.op && d.difference).toBeTruthy();
  });
});

describe('translatePredicate', () => {
  const filter = { ...scope, verb: 'filter' };
  it('keeps and drops the rows JS keeps and drops', () => {
    expect(translatePredicate((d: D) => d.a === 5 && d.s !== 'x', filter).sql).toBe("((`a` = 5) AND (`s` IS DISTINCT FROM 'x'))");
    expect(translatePredicate((d: D) => d.s, filter).sql).toBe('((CHAR_LENGTH(`s`) > 0) IS TRUE)');
    expect(translatePredicate((d: D) => d.x, filter).sql).toBe("((`x` <> 0 AND (`x` - `x` = 0 OR ABS(`x`) = CAST('Infinity' AS DOUBLE))) IS TRUE)");
    expect(translatePredicate((d: D) => !(d.x > 1), filter).sql).toBe('((`x` > 1) IS NOT TRUE)');
    expect(translatePredicate((d: D) => d.a === d.b, filter).sql).toBe('(`a` IS NOT DISTINCT FROM `b`)');
    expect(translatePredicate((d: D, $: D) => d.x > $.lo || d.dt < d.t, filter).sql).toBe('((`x` > 3) OR (CAST(`dt` AS TIMESTAMP(3)) < `t`))');
  });
});

describe('errors name the verb, the output and the expression', () => {
  it('unknown column, with the available ones', () => {
    const message = error((d: D) => d.zz + 1);
    expect(message).toContain('derive: expression for "out" reads the column "zz"');
    expect(message).toContain('available columns: a, b, x, s, t, dt, f, dec, my col');
  });

  it('closure variable: says to pass it as a param', () => {
    const message = error((d: D) => d.a + k);
    expect(message).toContain('derive: expression for "out" reads the variable "k", which is not a column or parameter');
    expect(message).toContain('Lambdas run on Flink, not in this process, so closures are not available');
    expect(message).toContain('table.params({ k: ... }) and read it as $.k');
  });

  it('unset param', () => {
    expect(error((d: D, $: D) => d.a > $.nope)).toContain('reads the parameter "nope", which is not set: set it with table.params({ nope: ... })');
  });

  it.each([
    ['a regular expression', (d: D) => /^a/.test(d.s), 'a regular expression (/^a/)'],
    ['a regex replace', (d: D) => d.s.replace(/a/g, 'b'), 'a regular expression (/a/g)'],
    ['an unknown function', (d: D) => zoneOf(d.a, d.x), 'the function zoneOf()'],
    ['an unknown method', (d: D) => d.s.normalize(), 'the method .normalize()'],
    ['an array literal', (d: D) => [d.a, d.x], 'an array literal'],
    ['an object literal', (d: D) => ({ v: d.a }), 'an object literal'],
    ['new', () => new Date(2020, 1, 1), '"new"'],
    ['the whole row', (d: D) => d, 'the whole row'],
    ['a bitwise operator', (d: D) => d.a & 1, 'the operator "&"'],
    ['$ patterns in a replacement', (d: D) => d.s.replace('a', '$&$&'), 'a replacement string with $ patterns'],
  ])('no Flink SQL form: %s', (_, value, what) => {
    const message = error(value);
    expect(message).toMatch(/^derive: expression for "out" uses /);
    expect(message).toContain(what);
    expect(message).toContain('which has no Flink SQL translation');
    expect(message).toContain('Expression: ');
  });

  it('ops Arquero has but Flink SQL has not, with the reason', () => {
    expect(error((d: D) => op.mode(d.a))).toContain('calls op.mode() (op.mode(d.a)), which runs as a JavaScript aggregate');
    expect(error((d: D) => op.mode(d.a))).toContain('here it has no Flink SQL aggregate');
    expect(error(op.product('a'))).toContain('op.product()');
    expect(error((d: D) => op.lag(d.a))).toContain('is a window function');
  });

  it('type mistakes JS would paper over', () => {
    expect(error((d: D) => d.s < 3)).toContain('compares STRING and INT in "d.s < 3"');
    expect(error((d: D) => op.abs(d.s))).toContain('passes d.s (STRING) to op.abs(), which expects a number');
    expect(error((d: D) => (d.f ? d.s : d.a))).toContain('gives STRING or INT');
    expect(error('op.lower(d.s, 1)')).toContain('calls op.lower() with 2 argument(s)');
  });

  it('aggregates: no nesting, no row values beside them', () => {
    expect(error((d: D) => op.mean(op.sum(d.a)))).toContain('calls the aggregate op.sum() inside another aggregate');
    expect(error((d: D) => d.a - op.mean(d.a))).toContain('reads the column "a" outside an aggregate function while also aggregating');
  });

  it('input that is not an expression', () => {
    expect(error('d.a +')).toContain('cannot be parsed as a JavaScript expression: d.a +');
    expect(error(aq.escape((d: D) => d.a))).toContain('aq.escape()');
    expect(error(42)).toContain('expected a function, a string expression or an op.* call');
    expect(() => translatePredicate((d: D) => d.nope, { ...scope, verb: 'filter' })).toThrow(/^filter: predicate reads the column "nope"/);
  });
});
