/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The Danfo-style façade against danfojs-node (the oracle): the same operations on the same data, in Danfo
 * in-process and in flinkframe on the embedded Flink. Rows compare as multisets unless the pipeline sorts.
 * Danfo changes frames in place more often than its docs say, so every run builds a fresh Danfo frame.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dfd from 'danfojs-node';
import { afterAll, describe, expect, it } from 'vitest';
import { danfo, FlinkFrameError } from '../src/index.js';
import { fl } from './support/flink-session.js';

type Row = Record<string, unknown>;
type Columns = Record<string, unknown[]>;

/** Both libraries' module functions, so one pipeline runs on either. */
const danfoLib = { merge: dfd.merge, concat: dfd.concat };
const flinkLib = { merge: danfo.merge, concat: danfo.concat };
type Lib = typeof flinkLib;
type Pipeline = (df: any, lib: Lib, other?: any) => any;

// Null-free data for operations where Danfo's own null handling is wrong or throws (listed in docs/danfo.md).
const sales = () => ({
  region: ['north', 'south', 'north', 'east', 'south', 'north'],
  units: [3, 5, 2, 8, 1, 4],
  price: [2.5, 1.25, 3.0, 0.5, 10.0, 2.0],
  item: ['Apple', 'pear', ' Fig ', 'kiwi', 'Plum', 'apricot'],
});
const regions = () => ({ region: ['north', 'south', 'west'], manager: ['Ada', 'Bo', 'Cy'], units: [100, 200, 300] });
// Missing values of both kinds: null (any column) and NaN (a float column).
const gaps = () => ({
  g: ['a', 'b', 'a', 'c', null, 'b'],
  x: [1, 2, 3, null, 5, 6],
  y: [1.5, NaN, 2.5, 4, 5, null],
  s: ['p', 'q', null, 's', 't', 'u'],
});

function normalize(value: unknown): unknown {
  if (value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value))) return null;
  if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(12));
  return value;
}

/** A danfojs DataFrame or Series as rows of normalized values (NaN and null alike: see the tests that tell them apart). */
function rowsOf(result: any): Row[] {
  if (result.ndim === 1) return (result.values as unknown[]).map((v) => ({ value: normalize(v) }));
  const columns: string[] = result.columns;
  return (result.values as unknown[][]).map((row) => Object.fromEntries(columns.map((c, i) => [c, normalize(row[i])])));
}

const key = (row: Row) => JSON.stringify(Object.entries(row));

async function run(make: () => Columns, pipeline: Pipeline, other?: () => Columns): Promise<[any, any]> {
  const expected = pipeline(new dfd.DataFrame(make()), danfoLib as unknown as Lib, other && new dfd.DataFrame(other()));
  const frame = danfo.fromDanfo(new dfd.DataFrame(make()), { session: fl });
  const ours = pipeline(frame, flinkLib, other && danfo.fromDanfo(new dfd.DataFrame(other()), { session: fl }));
  return [expected, await ours.toDanfo()];
}

/** Danfo is the oracle: same columns, same rows (in order when the pipeline sorts). */
async function expectSameAsDanfo(make: () => Columns, pipeline: Pipeline, options: { ordered?: boolean; other?: () => Columns } = {}) {
  const [expected, actual] = await run(make, pipeline, options.other);
  if (expected.ndim !== 1) expect(actual.columns).toEqual(expected.columns);
  const [e, a] = [rowsOf(expected), rowsOf(actual)];
  if (options.ordered) expect(a).toEqual(e);
  else expect(a.map(key).sort()).toEqual(e.map(key).sort());
  return actual;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ff-danfo-'));
  dirs.push(dir);
  return dir;
};

describe('danfo façade: frames and columns', () => {
  it('columns, dtypes and column access as in Danfo', () => {
    const frame = danfo.fromDanfo(new dfd.DataFrame(gaps()), { session: fl });
    const oracle = new dfd.DataFrame(gaps());
    expect(frame.columns).toEqual(oracle.columns);
    expect(frame.dtypes).toEqual(oracle.dtypes);
    const ints = new dfd.DataFrame(sales());
    expect(danfo.fromDanfo(ints, { session: fl }).dtypes).toEqual(ints.dtypes);
    expect(frame.x).toBeInstanceOf(danfo.Series);
    expect(frame['s'].name).toBe('s');
    expect(frame.column('y').dtype).toBe('float32');
    expect(frame.nope).toBeUndefined();
  });

  it('shape runs a job (async)', async () => {
    const frame = danfo.fromDanfo(new dfd.DataFrame(gaps()), { session: fl });
    expect(await frame.shape()).toEqual(new dfd.DataFrame(gaps()).shape);
  });

  it('a DataFrame from columns, row objects and row arrays', async () => {
    const byColumns = new danfo.DataFrame({ a: [1, 2], b: ['x', 'y'] }, { session: fl });
    const byRows = new danfo.DataFrame([{ a: 1, b: 'x' }, { a: 2, b: 'y' }], { session: fl });
    const byArrays = new danfo.DataFrame([[1, 'x'], [2, 'y']], { session: fl, columns: ['a', 'b'] });
    for (const frame of [byColumns, byRows, byArrays]) {
      expect(rowsOf(await frame.toDanfo())).toEqual(rowsOf(new dfd.DataFrame({ a: [1, 2], b: ['x', 'y'] })));
    }
  });

  it('toDanfo and fromDanfo round-trip values, nulls, NaN and dtypes', async () => {
    const frame = danfo.fromDanfo(new dfd.DataFrame(gaps()), { session: fl });
    const back = await frame.sortValues('x').toDanfo();
    const oracle = new dfd.DataFrame(gaps()).sortValues('x');
    expect(back.dtypes).toEqual(oracle.dtypes);
    expect(back.column('y').values.map(Number.isNaN)).toEqual(oracle.column('y').values.map(Number.isNaN));
    expect(rowsOf(back)).toEqual(rowsOf(oracle));
  });
});

describe('danfo façade: Series expressions match Danfo', () => {
  it('query with comparisons joined by and / or is one SQL filter', async () => {
    await expectSameAsDanfo(sales, (df) => df.query(df.units.gt(2).and(df.region.eq('north'))));
    await expectSameAsDanfo(sales, (df) => df.query(df.price.le(1.25).or(df.region.ne('north'))));
    await expectSameAsDanfo(sales, (df) => df.query(df['units'].ge(4).and(df['price'].lt(3))));
    const frame = danfo.fromDanfo(new dfd.DataFrame(sales()), { session: fl });
    const plan = frame.query(frame.units.gt(2).and(frame.region.eq('north'))).explain();
    expect(plan.match(/filter\(/g)).toHaveLength(1);
  });

  it('arithmetic with Series and numbers (division is float division, as in JS)', async () => {
    const keep = { inplace: false }; // Danfo's default too; flinkframe accepts it
    await expectSameAsDanfo(sales, (df) => df.addColumn('total', df.units.mul(df.price), keep));
    await expectSameAsDanfo(sales, (df) => df.addColumn('half', df.units.div(2), keep));
    await expectSameAsDanfo(sales, (df) => {
      const withR = df.addColumn('r', df.units.mod(3), keep); // a Series belongs to its frame: take it from the new one
      return withR.addColumn('d', withR.units.sub(withR.price), keep);
    });
    await expectSameAsDanfo(sales, (df) => df.addColumn('p', df.units.add(1).pow(2), keep));
    await expectSameAsDanfo(sales, (df) => df.units.div(df.price));
  });

  it('addColumn with a constant and replacing a column', async () => {
    // Danfo 1.2 returns nothing when addColumn replaces a column without inplace: let it change its frame
    await expectSameAsDanfo(sales, (df) =>
      df instanceof danfo.DataFrame ? df.addColumn('units', df.units.mul(10)) : (df.addColumn('units', df.units.mul(10), { inplace: true }), df),
    );
    // Danfo needs one value per row; flinkframe takes the constant (arrays pair by position: refused)
    await expectSameAsDanfo(sales, (df) =>
      df instanceof danfo.DataFrame ? df.addColumn('k', 7) : df.addColumn('k', new Array(df.shape[0]).fill(7), { inplace: false }),
    );
  });

  it('abs, round, asType', async () => {
    const signed = () => ({ v: [-1.26, 2.54, -0.04, 3.0], w: [1.7, -2.2, 0.4, 3.9] });
    await expectSameAsDanfo(signed, (df) => df.v.abs());
    await expectSameAsDanfo(signed, (df) => df.v.round(1));
    await expectSameAsDanfo(signed, (df) => df.asType('w', 'int32'));
    await expectSameAsDanfo(sales, (df) => df.asType('units', 'string'));
    await expectSameAsDanfo(sales, (df) => df.asType('units', 'float32'));
    const frame = danfo.fromDanfo(new dfd.DataFrame(signed()), { session: fl }).asType('w', 'int32');
    expect(frame.dtypes).toEqual(new dfd.DataFrame(signed()).asType('w', 'int32').dtypes);
  });

  it('string methods', async () => {
    await expectSameAsDanfo(sales, (df) => df.item.str.toUpperCase());
    await expectSameAsDanfo(sales, (df) => df.item.str.toLowerCase());
    await expectSameAsDanfo(sales, (df) => df.item.str.trim());
    await expectSameAsDanfo(sales, (df) => df.item.str.len());
    await expectSameAsDanfo(sales, (df) => df.item.str.startsWith('ap'));
    await expectSameAsDanfo(sales, (df) => df.item.str.includes('p'));
    await expectSameAsDanfo(sales, (df) => df.item.str.substring(1, 3));
    await expectSameAsDanfo(sales, (df) => df.item.str.replace('p', 'P'));
    await expectSameAsDanfo(sales, (df) => df.item.str.concat('!', 1));
    await expectSameAsDanfo(sales, (df) => df.query(df.item.str.endsWith('e')));
  });

  it('Series reductions', async () => {
    const oracle = () => new dfd.DataFrame(sales());
    const frame = danfo.fromDanfo(oracle(), { session: fl });
    for (const name of ['sum', 'mean', 'median', 'min', 'max', 'std', 'var', 'count'] as const) {
      expect(normalize(await frame.price[name]())).toEqual(normalize((oracle().price as any)[name]()));
    }
  });

  it('map with an object, and apply / map with a function (a JavaScript UDF)', async () => {
    await expectSameAsDanfo(sales, (df) => df.region.map({ north: 'N', south: 'S' }));
    await expectSameAsDanfo(sales, (df) => df.units.apply((v: number) => v * v + 1));
    await expectSameAsDanfo(sales, (df) => df.item.map((s: string) => s.split('').reverse().join('')));
    await expectSameAsDanfo(sales, (df) => df.price.apply((v: number) => Math.floor(v) / 2, { returns: 'DOUBLE' }));
  });

  it('DataFrame.apply along rows (axis 1)', () =>
    expectSameAsDanfo(sales, (df) => df.apply((row: any[]) => row[1] * row[2], { axis: 1 })));
});

describe('danfo façade: frame verbs match Danfo', () => {
  it('loc, notNa and not, and Series sortValues / dropNa', async () => {
    await expectSameAsDanfo(sales, (df) => df.loc({ rows: df.units.gt(2), columns: ['item', 'units'] }));
    const flags = (s: any) => (s.values as boolean[]).map((v) => !v); // Danfo has no notNa / not: its query takes booleans
    await expectSameAsDanfo(gaps, (df) => (df instanceof danfo.DataFrame ? df.query(df.x.notNa()) : df.query(flags(df.x.isNa()))));
    await expectSameAsDanfo(gaps, (df) => (df instanceof danfo.DataFrame ? df.query(df.s.eq('q').not()) : df.query(flags(df.s.eq('q')))));
    await expectSameAsDanfo(sales, (df) => df.price.sortValues({ ascending: false }), { ordered: true });
    await expectSameAsDanfo(gaps, (df) => df.x.dropNa());
  });


  it('drop and rename', async () => {
    await expectSameAsDanfo(sales, (df) => df.drop({ columns: ['price', 'item'] }));
    await expectSameAsDanfo(sales, (df) => df.rename({ units: 'n', item: 'what' }));
  });

  it('fillNa on null and NaN, per column', async () => {
    await expectSameAsDanfo(gaps, (df) => df.fillNa([0, -1], { columns: ['x', 'y'] }));
    await expectSameAsDanfo(gaps, (df) => df.fillNa(['none', 'zz'], { columns: ['g', 's'] }));
    await expectSameAsDanfo(gaps, (df) => df.y.fillNa(9));
  });

  it('isNa counts null and NaN as missing', async () => {
    await expectSameAsDanfo(gaps, (df) => df.isNa());
    await expectSameAsDanfo(gaps, (df) => df.y.isNa());
  });

  it('dropNa drops rows with a missing value (axis 1, the default)', async () => {
    await expectSameAsDanfo(gaps, (df) => df.dropNa());
    await expectSameAsDanfo(gaps, (df) => df.dropNa({ axis: 1 }));
  });

  it('dropNa({ axis: 0 }) drops columns with NaN (a pre-query)', () => {
    const nanOnly = () => ({ a: [1, 2, 3], b: [1.5, NaN, 2], c: ['x', 'y', 'z'] });
    return expectSameAsDanfo(nanOnly, (df) => df.dropNa({ axis: 0 }));
  });

  it('groupby(...).agg with one and several aggregates per column', async () => {
    await expectSameAsDanfo(sales, (df) => df.groupby(['region']).agg({ units: 'sum', price: ['mean', 'count'] }));
    await expectSameAsDanfo(sales, (df) => df.groupby(['region']).agg({ price: ['min', 'max'] }));
    // std and var of groups of two or more rows (for one row, see the differences below)
    await expectSameAsDanfo(sales, (df) => df.query(df.region.ne('east')).groupby(['region']).agg({ price: ['std', 'var'] }));
  });

  it('groupby(...).col(...).sum() and the other shortcut forms', async () => {
    await expectSameAsDanfo(sales, (df) => df.groupby(['region']).col(['units']).sum());
    await expectSameAsDanfo(sales, (df) => df.groupby(['region']).col(['units', 'price']).mean());
    await expectSameAsDanfo(sales, (df) => df.groupby(['region']).col(['price']).max());
    await expectSameAsDanfo(sales, (df) => df.groupby(['region']).col(['units']).count());
    await expectSameAsDanfo(sales, (df) => df.groupby(['region', 'item']).col(['units']).min());
  });

  it('groupby(...).getGroup', () => expectSameAsDanfo(sales, (df) => df.groupby(['region']).getGroup(['north'])));

  it('merge inner, left and right', async () => {
    for (const how of ['inner', 'left', 'right'] as const) {
      await expectSameAsDanfo(sales, (df, lib, other) => lib.merge({ left: df, right: other, on: ['region'], how }), { other: regions });
    }
  });

  it('merge outer: the left rows and the right-only rows', async () => {
    // Danfo 1.2's outer merge leaves matched rows unjoined; its left and right merges are right, and their union is the outer join
    const [left] = await run(sales, (df, lib, other) => lib.merge({ left: df, right: other, on: ['region'], how: 'left' }), regions);
    const [right] = await run(sales, (df, lib, other) => lib.merge({ left: df, right: other, on: ['region'], how: 'right' }), regions);
    const [, outer] = await run(sales, (df, lib, other) => lib.merge({ left: df, right: other, on: ['region'], how: 'outer' }), regions);
    const expected = [...new Set([...rowsOf(left), ...rowsOf(right)].map(key))].sort();
    expect(rowsOf(outer).map(key).sort()).toEqual(expected);
    expect(outer.columns).toEqual(left.columns);
  });

  it('concat along rows', async () => {
    await expectSameAsDanfo(sales, (df, lib) => lib.concat({ dfList: [df, df.query(df.units.gt(3))], axis: 0 }));
  });

  it('sortValues, then head and tail', async () => {
    await expectSameAsDanfo(sales, (df) => df.sortValues('units'), { ordered: true });
    await expectSameAsDanfo(sales, (df) => df.sortValues('price', { ascending: false }), { ordered: true });
    await expectSameAsDanfo(sales, (df) => df.sortValues('units').head(3), { ordered: true });
    await expectSameAsDanfo(sales, (df) => df.sortValues('units').tail(2), { ordered: true });
    await expectSameAsDanfo(sales, (df) => df.sortValues('price', { ascending: false }).tail(4), { ordered: true });
    await expectSameAsDanfo(gaps, (df) => df.sortValues('x'), { ordered: true }); // null first, as in Danfo
  });

  it('head without an order returns n of the rows', async () => {
    const frame = danfo.fromDanfo(new dfd.DataFrame(sales()), { session: fl });
    const all = rowsOf(new dfd.DataFrame(sales())).map(key);
    const some = rowsOf(await frame.head(2).toDanfo()).map(key);
    expect(some).toHaveLength(2);
    for (const row of some) expect(all).toContain(row);
  });

  it('describe: count, mean, std (sample), min, median, max, variance of the numeric columns', async () => {
    const actual = await expectSameAsDanfo(sales, (df) => df.describe(), { ordered: true });
    expect(actual.index).toEqual(new dfd.DataFrame(sales()).describe().index);
  });
});

describe('danfo façade: files', () => {
  it('readCSV reads what Danfo reads; toCSV writes what Danfo reads back', async () => {
    const dir = scratch();
    const path = join(dir, 'sales.csv');
    await dfd.toCSV(new dfd.DataFrame(sales()), { filePath: path });
    const oracle = await dfd.readCSV(path);
    const frame = danfo.readCSV(path, { session: fl });
    expect(frame.columns).toEqual(oracle.columns);
    const read = await frame.toDanfo();
    expect(rowsOf(read).map(key).sort()).toEqual(rowsOf(oracle).map(key).sort());

    const out = join(dir, 'out.csv');
    await frame.query(frame.units.gt(2)).toCSV(out);
    const back = await dfd.readCSV(out);
    expect(rowsOf(back).map(key).sort()).toEqual(rowsOf(oracle.query(oracle.units.gt(2))).map(key).sort());
  });

  it('toCSV without a path is the CSV text (Arquero formats numbers as JS does)', async () => {
    const frame = danfo.fromDanfo(new dfd.DataFrame(sales()), { session: fl }).sortValues('units');
    const text = (await frame.toCSV()) as string;
    const dir = scratch();
    writeFileSync(join(dir, 't.csv'), text);
    const parsed = await dfd.readCSV(join(dir, 't.csv'));
    expect(rowsOf(parsed)).toEqual(rowsOf(new dfd.DataFrame(sales()).sortValues('units')));
    expect(readFileSync(join(dir, 't.csv'), 'utf8').split('\n')[0]).toBe('region,units,price,item');
  });
});

describe('danfo façade: where nulls and NaN differ from Danfo (docs/danfo.md)', () => {
  it('arithmetic with null: Danfo computes as JS (null + 1 is 1), flinkframe gives null', async () => {
    const [expected, actual] = await run(gaps, (df) => df.x.add(1));
    expect(expected.values[3]).toBe(1);
    const ours = actual.values as unknown[];
    expect(ours.filter((v) => v === null)).toHaveLength(1);
    expect(ours.filter((v) => v !== null).sort()).toEqual([2, 3, 4, 6, 7]);
  });

  it('comparisons with null: Danfo finds null > -1 true, flinkframe drops the row', async () => {
    const [expected, actual] = await run(gaps, (df) => df.query(df.x.gt(-1)));
    expect(expected.shape[0]).toBe(6);
    expect(actual.shape[0]).toBe(5);
  });

  it('groupby mean: Danfo divides by the group size, nulls included; flinkframe skips nulls', async () => {
    const data = () => ({ g: ['a', 'a', 'b'], x: [2, null, null] });
    const [expected, actual] = await run(data, (df) => df.groupby(['g']).agg({ x: 'mean' }).sortValues('g'));
    expect(rowsOf(expected)).toEqual([{ g: 'a', x_mean: 1 }, { g: 'b', x_mean: 0 }]);
    expect(rowsOf(actual)).toEqual([{ g: 'a', x_mean: 2 }, { g: 'b', x_mean: null }]);
  });

  it('NaN and null stay apart: NaN in a float column is NaN, a missing value is null', async () => {
    const frame = danfo.fromDanfo(new dfd.DataFrame(gaps()), { session: fl });
    const y = await frame.sortValues('x').y.values();
    const oracle = new dfd.DataFrame(gaps()).sortValues('x').column('y').values as unknown[];
    expect(y.map((v) => (v === null ? 'null' : Number.isNaN(v) ? 'NaN' : v))).toEqual(
      oracle.map((v) => (v === null ? 'null' : Number.isNaN(v as number) ? 'NaN' : v)),
    );
  });

  it('dropNa({ axis: 0 }): Danfo drops only columns with NaN, flinkframe also those with null', async () => {
    const data = () => ({ ...gaps(), k: [1, 2, 3, 4, 5, 6] });
    const [expected, actual] = await run(data, (df) => df.dropNa({ axis: 0 }));
    expect(expected.columns).toEqual(['g', 'x', 's', 'k']);
    expect(actual.columns).toEqual(['k']);
    const frame = danfo.fromDanfo(new dfd.DataFrame(gaps()), { session: fl });
    expect(() => frame.dropNa({ axis: 0 })).toThrow(/every column has a missing value/);
  });

  it('std and var of a one-row group: Danfo gives 0, flinkframe null (the sample statistic is undefined)', async () => {
    const [expected, actual] = await run(sales, (df) => df.query(df.region.eq('east')).groupby(['region']).agg({ price: ['std', 'var'] }));
    expect(rowsOf(expected)).toEqual([{ region: 'east', price_std: 0, price_var: 0 }]);
    expect(rowsOf(actual)).toEqual([{ region: 'east', price_std: null, price_var: null }]);
  });

  it('asType int32 of NaN: Danfo keeps NaN, flinkframe gives null (an integer column holds no NaN)', async () => {
    const data = () => ({ y: [1.5, NaN, -2.5] });
    const [expected, actual] = await run(data, (df) => df.asType('y', 'int32'));
    expect(Number.isNaN(expected.values[1][0])).toBe(true);
    expect(rowsOf(actual).map((r) => r.y).sort()).toEqual([-2, 1, null]);
  });
});

describe('danfo façade: refused with a clear error', () => {
  const frame = () => danfo.fromDanfo(new dfd.DataFrame(sales()), { session: fl });

  it('positional operations', () => {
    const df = frame();
    expect(() => df.addColumn('k', [1, 2, 3, 4, 5, 6] as any)).toThrow(/no row positions/);
    expect(() => df.tail(2)).toThrow(/sortValues\(column\) first/);
    expect(() => df.iloc()).toThrow(FlinkFrameError);
    expect(() => danfo.concat({ dfList: [df, df], axis: 1 })).toThrow(/axis 1 pairs rows by position/);
    expect(() => df.apply((r: any[]) => r[0], { axis: 0 })).toThrow(/axis 0/);
    expect(() => df.drop({ index: [0] })).toThrow(/query/);
  });

  it('Series of another frame, unknown columns, inplace, bad dtypes and aggregates', () => {
    const df = frame();
    const other = frame();
    expect(() => df.query(other.units.gt(1))).toThrow(/another frame/);
    expect(() => df.units.add(other.units)).toThrow(/different frames/);
    expect(() => df.column('nope')).toThrow(/no column "nope"/);
    expect(() => df.drop({ columns: ['nope'] })).toThrow(/no column "nope"/);
    expect(() => df.fillNa(0, { columns: ['units'], inplace: true })).toThrow(/immutable/);
    expect(() => df.asType('units', 'int64' as any)).toThrow(/int32, float32, string, boolean/);
    expect(() => df.groupby(['region']).agg({ item: 'mean' })).toThrow(/cannot mean the string column "item"/);
    expect(() => df.groupby(['region']).agg({ units: 'mode' })).toThrow(/"mode" for "units"/);
    expect(() => df.units.apply((v: number) => v + offset)).toThrow(/offset/);
  });
});

const offset = 1;
