// Every op translated to Flink SQL against Arquero, on generated tables with the awkward values (nulls, NaN,
// infinities, empty strings, unicode, integers near 2^53, instants across daylight-saving changes). Many
// derived columns go into one derive, so each test is one Flink job.
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { FlinkFrameError } from '../src/errors.js';
import { collate, op } from '../src/index.js';
import { OPS, UNTRANSLATED } from '../src/translate/op-registry.js';
import { expectSameAsArquero } from './support/differential.js';
import { fl } from './support/flink-session.js';
import { generatedTable } from './support/generated-tables.js';

type D = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const table = generatedTable({ rows: 24, seed: 7 });
const same = (pipeline: (t: D) => D, data = table) => expectSameAsArquero(data.data, pipeline, { types: data.types });
/** One output per op call, e.g. 'op.week(d.$, 1)' on column t is week_t: 'd => op.week(d.t, 1)' (Arquero and flinkframe both take expression text). */
const each = (calls: Record<string, string>, column: string): Record<string, string> =>
  Object.fromEntries(Object.entries(calls).map(([name, call]) => [`${name}_${column}`, `d => ${call.replaceAll('$', column)}`]));

/** Strings without characters beyond U+FFFF: positions and lengths count code points in Flink, UTF-16 units in JS (docs/semantics.md). */
const bmpOnly = { ...table, data: { ...table.data, s: table.data.s.map((s) => (typeof s === 'string' && /[\u{10000}-\u{10FFFF}]/u.test(s) ? 'astral' : s)) } };

/** parse_int reads radix 10 only: JS reads '0x1F' as hex (a documented difference, tested below). */
const decimalOnly = { ...table, data: { ...table.data, s: table.data.s.map((s) => (s === '0x1F' ? '1F' : s)) } };

describe('math ops match Arquero', () => {
  it('unary functions of doubles and integers (null reads as 0, as in JS)', () =>
    same((t) => t.derive({
      abs: (d: D) => op.abs(d.x), sign: (d: D) => op.sign(d.x), ceil: (d: D) => op.ceil(d.x), floor: (d: D) => op.floor(d.x),
      round: (d: D) => op.round(d.x), trunc: (d: D) => op.trunc(d.x), sqrt: (d: D) => op.sqrt(d.x), exp: (d: D) => op.exp(d.x),
      log: (d: D) => op.log(d.x), log10: (d: D) => op.log10(d.x), log2: (d: D) => op.log2(d.x), sin: (d: D) => op.sin(d.x),
      cos: (d: D) => op.cos(d.x), tan: (d: D) => op.tan(d.x), asin: (d: D) => op.asin(d.x), acos: (d: D) => op.acos(d.x),
      atan: (d: D) => op.atan(d.x), sinh: (d: D) => op.sinh(d.x), cosh: (d: D) => op.cosh(d.x), tanh: (d: D) => op.tanh(d.x),
      degrees: (d: D) => op.degrees(d.x), radians: (d: D) => op.radians(d.x), fround: (d: D) => op.fround(d.x),
      iabs: (d: D) => op.abs(d.i), isign: (d: D) => op.sign(d.i), ifloor: (d: D) => op.floor(d.i), iround: (d: D) => op.round(d.i),
      isqrt: (d: D) => op.sqrt(d.i), babs: (d: D) => op.abs(d.big), btrunc: (d: D) => op.trunc(d.big),
    })));
  it('functions computed from POWER, EXP and LN, away from the values where they lose precision', () =>
    same((t) => t.derive({
      cbrt: (d: D) => op.cbrt(d.i), expm1: (d: D) => op.expm1(d.i / 100), log1p: (d: D) => op.log1p(op.abs(d.i)),
      asinh: (d: D) => op.asinh(d.i), acosh: (d: D) => op.acosh(op.abs(d.i) + 1), atanh: (d: D) => op.atanh(d.i / 200),
    })));
  it('functions of several numbers, tests and bins', () =>
    same((t) => t.derive({
      pow: (d: D) => op.pow(d.x, 2), powi: (d: D) => op.pow(2, d.i / 1e8), atan2: (d: D) => op.atan2(d.x, d.i),
      greatest: (d: D) => op.greatest(d.x, d.i), least: (d: D) => op.least(d.x, d.i, 5), max: (d: D) => Math.max(d.i, d.big),
      is_nan: (d: D) => op.is_nan(d.x), is_finite: (d: D) => op.is_finite(d.x), ifinite: (d: D) => op.is_finite(d.i),
      bin: (d: D) => op.bin(d.x, -5, 5, 0.5), binoff: (d: D) => op.bin(d.x, 0, 100, 3, 0.5), bini: (d: D) => op.bin(d.i, -20, 50, 10),
    })));
});

describe('string ops match Arquero', () => {
  it('case, trim, tests and lookups, on every string (astral characters included)', () =>
    same((t) => t.derive({
      lower: (d: D) => op.lower(d.s), upper: (d: D) => op.upper(d.s), trim: (d: D) => op.trim(d.s),
      starts: (d: D) => op.startswith(d.s, 'a'), ends: (d: D) => op.endswith(d.s, 'e'), inc: (d: D) => op.includes(d.s, 'a'),
      repeat: (d: D) => op.repeat(d.s, 2), replace: (d: D) => op.replace(d.s, 'a', '_'), eq: (d: D) => op.equal(d.s, 'a'),
      json: (d: D) => op.to_json(d.s), ijson: (d: D) => op.to_json(d.i), bjson: (d: D) => op.to_json(d.b),
      pf: (d: D) => op.parse_float(d.s), pi: (d: D) => op.parse_int(d.s), lowerx: (d: D) => op.lower(d.i),
    }), decimalOnly));
  it('parse_int reads decimal digits only, where JS also reads 0x prefixes (the documented difference)', async () => {
    const rows = await fl.table({ s: ['0x1F'] }).derive({ n: (d: D) => op.parse_int(d.s) }).objects();
    expect([rows[0].n, Number.parseInt('0x1F')]).toEqual([0, 31]);
  });
  it('positions and lengths, on strings within the Basic Multilingual Plane', () =>
    same((t) => t.derive({
      len: (d: D) => op.length(d.s), sub: (d: D) => op.substring(d.s, 1, 3), sub1: (d: D) => op.substring(d.s, 2),
      slice: (d: D) => op.slice(d.s, -2), slice2: (d: D) => op.slice(d.s, 1, -1), idx: (d: D) => op.indexof(d.s, 'a'),
      lidx: (d: D) => op.lastindexof(d.s, 'a'), padstart: (d: D) => op.padstart(d.s, 6, '*'), padend: (d: D) => op.padend(d.s, 4),
      reverse: (d: D) => op.reverse(d.s), starts1: (d: D) => op.startswith(d.s, 'a', 1), ends3: (d: D) => op.endswith(d.s, 'a', 3),
    }), bmpOnly));
  it('counts code points where JS counts UTF-16 units (the documented difference)', async () => {
    const rows = await fl.table({ s: ['x😀y', '😀'] }).derive({ n: (d: D) => op.length(d.s), r: (d: D) => op.substring(d.s, 1) }).objects();
    expect(rows.map((r) => [r.n, r.r]).sort()).toEqual([[1, ''], [3, '😀y']]);
    expect(['x😀y', '😀'].map((s) => s.length)).toEqual([4, 2]);
  });
  it('array ops on split results (length, includes, indexof, join)', () =>
    expectSameAsArquero({ s: ['a,b,c', 'x', null, 'b', 'a,,b', 'héllo,b', 'b,b'] }, (t) => t.derive({
      n: (d: D) => op.length(op.split(d.s, ',')), has: (d: D) => op.includes(op.split(d.s, ','), 'b'),
      at: (d: D) => op.indexof(op.split(d.s, ','), 'b'), joined: (d: D) => op.join(op.split(d.s, ','), ' | '),
      comma: (d: D) => op.join(op.split(d.s, ',')), none: (d: D) => op.join(d.s),
    })));
  it('recode with objects, Maps, fallbacks and null keys', () =>
    expectSameAsArquero(
      table.data,
      (t) => t.params({ m: new Map<unknown, unknown>([[1, 'one'], [null, 'none'], [-13, 'minus']]) }).derive({
        rs: (d: D) => op.recode(d.s, { a: 'A', '': 'empty', null: 'N', '10': 'ten' }),
        rf: (d: D) => op.recode(d.s, { Ada: 1, '李雷': 2 }, 0),
        ri: (d: D, $: D) => op.recode(d.i, $.m, '?'),
        rx: (d: D) => op.recode(d.x, { '1.5': 15, NaN: -1, '0': 100, Infinity: 9 }),
        rb: (d: D) => op.recode(d.b, { true: 'yes', false: 'no' }, 'unknown'),
      }),
      { types: table.types },
    ));
});

describe('date ops match Arquero (local and UTC variants; null reads as the epoch, as in Arquero)', () => {
  const local = each({
    year: 'op.year(d.$)', quarter: 'op.quarter(d.$)', month: 'op.month(d.$)', date: 'op.date(d.$)', dayofweek: 'op.dayofweek(d.$)',
    dayofyear: 'op.dayofyear(d.$)', hours: 'op.hours(d.$)', minutes: 'op.minutes(d.$)', seconds: 'op.seconds(d.$)',
    milliseconds: 'op.milliseconds(d.$)', week: 'op.week(d.$)', week1: 'op.week(d.$, 1)', timestamp: 'op.timestamp(d.$)',
    format_date: 'op.format_date(d.$)', format_full: 'op.format_date(d.$, true)',
  }, 't');
  const utc = each({
    utcyear: 'op.utcyear(d.$)', utcquarter: 'op.utcquarter(d.$)', utcmonth: 'op.utcmonth(d.$)', utcdate: 'op.utcdate(d.$)',
    utcdayofweek: 'op.utcdayofweek(d.$)', utcdayofyear: 'op.utcdayofyear(d.$)', utchours: 'op.utchours(d.$)',
    utcminutes: 'op.utcminutes(d.$)', utcseconds: 'op.utcseconds(d.$)', utcmilliseconds: 'op.utcmilliseconds(d.$)',
    utcweek: 'op.utcweek(d.$)', utcweek3: 'op.utcweek(d.$, 3)', format_utcdate: 'op.format_utcdate(d.$)',
  }, 't');
  it('date parts and formats', () => same((t) => t.derive(local)));
  it('utc date parts and formats', () => same((t) => t.derive(utc)));
  it('datetime and utcdatetime from parts', () =>
    same((t) => t.derive({
      dt: (d: D) => op.datetime(op.year(d.t), op.month(d.t), op.date(d.t), op.hours(d.t)),
      udt: (d: D) => op.utcdatetime(op.utcyear(d.t), op.utcmonth(d.t) + 1, 0),
      days: (d: D) => op.datetime(2024, 0, op.abs(d.i) % 400),
    }).select('id', 'dt', 'udt', 'days')));
});

describe('aggregate ops match Arquero (null and NaN skipped as invalid)', () => {
  const aggs = (c: string) => ({
    count: 'op.count()', ...each({
      sum: 'op.sum(d.$)', mean: 'op.mean(d.$)', average: 'op.average(d.$)', min: 'op.min(d.$)', max: 'op.max(d.$)',
      variance: 'op.variance(d.$)', stdev: 'op.stdev(d.$)', variancep: 'op.variancep(d.$)', stdevp: 'op.stdevp(d.$)',
      distinct: 'op.distinct(d.$)', valid: 'op.valid(d.$)', invalid: 'op.invalid(d.$)', median: 'op.median(d.$)',
      q1: 'op.quantile(d.$, 0.25)', q9: 'op.quantile(d.$, 0.9)',
    }, c),
  });
  // finite doubles with nulls and NaN (infinities make Arquero's running variance NaN where SQL's is not)
  const finite = { ...table, data: { ...table.data, x: table.data.x.map((x) => (x === Infinity || x === -Infinity || x === 1e21 ? 4 : x)) } };
  it('per group, on doubles with null and NaN', () =>
    same((t) => t.groupby('g').rollup(aggs('x')), finite));
  it('per group, on integers', () => same((t) => t.groupby('g').rollup(aggs('i'))));
  it('over the whole table, and per row in derive', () =>
    same((t) => t.groupby('g').derive({ m: (d: D) => op.median(d.x), n: (d: D) => op.valid(d.x), s: (d: D) => op.sum(d.i) }), finite));
  it('any gives a valid value of the group', async () => {
    const rows = await fl.table({ g: [1, 1, 2, 2], x: [null, NaN, 3, null] }).groupby('g').rollup({ a: (d: D) => op.any(d.x) }).orderby('g').objects();
    expect(rows).toEqual([{ g: 1, a: null }, { g: 2, a: 3 }]);
  });
});

describe('window ops match Arquero on an ordered table', () => {
  it('ranks, offsets, fills and edges', () =>
    expectSameAsArquero(table.data, (t) => t.orderby('id').derive({
      rn: () => op.row_number(), rank: () => op.rank(), dense: () => op.dense_rank(), pr: () => op.percent_rank(),
      lag: (d: D) => op.lag(d.x), lead: (d: D) => op.lead(d.s, 2, 'none'), fd: (d: D) => op.fill_down(d.x), fu: (d: D) => op.fill_up(d.i),
      fv: (d: D) => op.first_value(d.s), lv: (d: D) => op.last_value(d.i), cs: (d: D) => op.sum(d.i), ar: () => op.avg_rank(),
      md: (d: D) => op.median(d.x), cd: () => op.cume_dist(), nt: () => op.ntile(3), mx: (d: D) => op.max(d.big),
    }), { types: table.types, ordered: true }));
});

describe('orderby with collate', () => {
  const names = { id: [1, 2, 3, 4, 5, 6, 7], name: ['zebra', 'Äpfel', 'apple', 'Zoo', null, 'äb', 'Apfel'] };
  it('sorts by a locale as Intl.Collator does, ascending and descending, nulls first', async () => {
    await expectSameAsArquero(names, (t) => t.orderby(collate('name', 'de')), { ordered: true });
    await expectSameAsArquero(names, (t) => t.orderby(aq.desc(collate('name', 'en', { sensitivity: 'base' })), 'id'), { ordered: true });
  });
  it('sorts by a comparator function and by a collated lambda', async () => {
    await expectSameAsArquero(names, (t) => t.orderby(collate('name', (a: string, b: string) => a.length - b.length || a.localeCompare(b))), { ordered: true });
    await expectSameAsArquero(names, (t) => t.orderby(collate((d: D) => d.name, 'en'), 'id'), { ordered: true });
  });
});

describe('the op table', () => {
  it('has a status for every Arquero op: translated, or refused with a reason', () => {
    for (const name of Object.keys(aq.op)) expect(Object.hasOwn(OPS, name) || Object.hasOwn(UNTRANSLATED, name), name).toBe(true);
  });
  it('refuses untranslated aggregates at the verb call, naming the reason; scalar ops without SQL run as JavaScript', async () => {
    const t = fl.table({ x: [1, 2.5] });
    // op.mode runs as a JavaScript aggregate only as the whole value of a rollup (js-aggregates.ts)
    expect(() => t.rollup({ m: (d: D) => op.mode(d.x) + 1 })).toThrow(FlinkFrameError);
    expect(() => t.rollup({ m: (d: D) => op.mode(d.x) + 1 })).toThrow(/op\.mode\(\).*whole value of a rollup/);
    expect(() => t.derive({ r: (d: D) => op.recode(d.x, { 1: 'one' }) })).toThrow(/one type/);
    // to_json of a DOUBLE has no faithful SQL form (Flink writes 1.0): Arquero's own to_json runs in a worker
    const json = t.derive({ j: (d: D) => String(op.to_json(d.x)) });
    expect(json.explain()).toContain('JavaScript UDF stage');
    expect((await json.objects()).map((r) => r.j).sort()).toEqual(['1', '2.5']);
  });
});
