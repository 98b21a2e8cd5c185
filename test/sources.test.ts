import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as aq from 'arquero';
import { Binary, Dictionary, Int32, Table as ArrowTable, tableFromArrays, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { tableFromIPC as flechetteFromIPC } from '@uwdata/flechette';
import { op } from '../src/index.js';
import { encodeColumns } from '../src/runtime/arrow-encode.js';
import { fl } from './support/flink-session.js';

const dir = mkdtempSync(join(tmpdir(), 'flinkframe-test-'));

describe('sources and sinks', () => {
  it('from(objects) and table(columns) round-trip every supported type', async () => {
    const rows = [
      { i: 1, s: 'a', b: true, t: new Date(Date.UTC(2024, 1, 29, 10, 30)), n: 10n },
      { i: 2.5, s: null, b: false, t: null, n: null },
    ];
    const back = await fl.from(rows).objects();
    expect(back).toEqual([
      { i: 1, s: 'a', b: true, t: new Date(Date.UTC(2024, 1, 29, 10, 30)), n: 10 },
      { i: 2.5, s: null, b: false, t: null, n: null },
    ]);
  });
  it('typed arrays keep their type', () => {
    const t = fl.table({ a: new Int32Array([1, 2]), b: new Float32Array([1, 2]), c: new Float64Array([1, 2]) });
    expect(t.schema()).toEqual([
      { name: 'a', type: 'INT' },
      { name: 'b', type: 'FLOAT' },
      { name: 'c', type: 'DOUBLE' },
    ]);
  });
  it('fromArrow reads apache-arrow tables (dictionary strings included) and Arquero tables', async () => {
    const arrow = tableFromArrays({ x: Float64Array.from([1, 2, 3]), s: ['p', 'q', 'p'] });
    expect(await fl.fromArrow(arrow).filter((d: any) => d.s === 'p').numRows()).toBe(2);
    const fromAq = fl.fromArrow(aq.toArrow(aq.table({ k: ['a', 'b'], v: [1, 2] })));
    expect(await fromAq.orderby('k').objects()).toEqual([{ k: 'a', v: 1 }, { k: 'b', v: 2 }]);
  });
  it('strings, dictionary strings and bytes come back whole: read straight from the source, filtered, and recomputed', async () => {
    const n = 3000; // several record batches of the writer's
    const s = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : `${i}-${'é'.repeat(i % 5)}😀`));
    const b = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : Uint8Array.from({ length: i % 9 }, (_, j) => (i + j) % 256)));
    const arrow = new ArrowTable({
      s: vectorFromArray(s, new Utf8()),
      d: vectorFromArray(s.map((v) => (v === null ? null : v.slice(0, 2))), new Dictionary(new Utf8(), new Int32())),
      b: vectorFromArray(b, new Binary()),
      i: vectorFromArray(Array.from({ length: n }, (_, i) => i), new Int32()),
    });
    // sorted by i here: without orderby, the rows go from the source straight to the result's writers
    const rows = (t: ArrowTable) => Array.from({ length: t.numRows }, (_, r) =>
      ({ s: t.getChild('s')!.get(r), d: t.getChild('d')!.get(r), b: t.getChild('b')!.get(r) === null ? null : [...t.getChild('b')!.get(r)], i: Number(t.getChild('i')!.get(r)) }))
      .sort((x, y) => x.i - y.i);
    const expected = rows(arrow);
    const frame = fl.fromArrow(arrow);
    expect(rows(await frame.toArrow())).toEqual(expected);
    expect(rows(await frame.filter((d: any) => d.i % 2 === 0).toArrow())).toEqual(expected.filter((r) => r.i % 2 === 0));
    const recomputed = await frame.derive({ s: (d: any) => op.lower(d.s), i: (d: any) => d.i + 1 }).toArrow();
    expect(rows(recomputed)).toEqual(expected.map((r) => ({ ...r, s: r.s === null ? null : r.s.toLowerCase(), i: r.i + 1 })));
  });
  it('fromCSV parses text with Arquero', async () => {
    const t = fl.fromCSV('a,b\n1,x\n2,y\n');
    expect(await t.orderby('a').objects()).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
  });
  it('loadCSV infers the schema, skips the header, reads quotes and unicode', async () => {
    const file = join(dir, 'trips.csv');
    writeFileSync(file, 'id,name,fare,day\n1,"Smith, J",12.5,2024-01-02\n2,Zoë,,2024-01-03\n3,"say ""hi""",7,2024-01-04\n');
    const t = fl.loadCSV(file);
    expect(t.schema()).toEqual([
      { name: 'id', type: 'DOUBLE' },
      { name: 'name', type: 'STRING' },
      { name: 'fare', type: 'DOUBLE' },
      { name: 'day', type: 'DATE' },
    ]);
    const rows = await t.orderby('id').objects();
    expect(rows.map((r) => r.name)).toEqual(['Smith, J', 'Zoë', 'say "hi"']);
    expect(rows[1]!.fare).toBeNull();
    const typed = fl.loadCSV(file, { types: { id: 'BIGINT' } });
    expect(typed.schema()[0]).toEqual({ name: 'id', type: 'BIGINT' });
  });
  it('loadJSON reads newline-delimited JSON', async () => {
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, '{"user":"a","n":1}\n{"user":"b","n":2.5}\n{"user":"a","n":3}\n');
    const t = fl.loadJSON(file).groupby('user').rollup({ total: op.sum('n') }).orderby('user');
    expect(await t.objects()).toEqual([{ user: 'a', total: 4 }, { user: 'b', total: 2.5 }]);
  });
  it('writeParquet then loadParquet round-trips', async () => {
    const file = join(dir, 'out.parquet');
    await fl.table({ k: ['x', 'y'], v: [1.5, 2] }).writeParquet(file);
    const back = fl.loadParquet(file);
    expect(back.schema()).toEqual([{ name: 'k', type: 'STRING' }, { name: 'v', type: 'DOUBLE' }]);
    expect(await back.orderby('k').objects()).toEqual([{ k: 'x', v: 1.5 }, { k: 'y', v: 2 }]);
  });
  it('writeCSV writes one file with a header; a folder path gets part files', async () => {
    const file = join(dir, 'out.csv');
    await fl.table({ k: ['x', 'y'], v: [1, 2] }).orderby('k').writeCSV(file);
    expect(readFileSync(file, 'utf8')).toBe('k,v\nx,1.0\ny,2.0\n');
    const folder = join(dir, 'csv-parts');
    await fl.table({ k: ['x', 'y'], v: [1, 2] }).writeCSV(folder);
    const parts = readdirSync(folder);
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.map((p) => readFileSync(join(folder, p), 'utf8')).join('')).toContain('k,v\n');
  });
  it('writeJSON writes newline-delimited JSON', async () => {
    const file = join(dir, 'out.jsonl');
    await fl.table({ k: ['x'], v: [1] }).writeJSON(file);
    expect(JSON.parse(readFileSync(file, 'utf8').trim())).toEqual({ k: 'x', v: 1 });
  });
  it('sql() over registered frames', async () => {
    fl.register('people', fl.table({ name: ['a', 'b', 'c'], age: [10, 20, 30] }));
    const t = fl.sql('SELECT name, age * 2 AS twice FROM people WHERE age > 15').orderby('name');
    expect(await t.objects()).toEqual([{ name: 'b', twice: 40 }, { name: 'c', twice: 60 }]);
  });
  it('collect gives an Arquero table; toArrow an apache-arrow table; toCSV text', async () => {
    const t = fl.table({ a: [1, 2, 3] }).orderby('a');
    const collected = await t.collect();
    expect(collected.array('a')).toEqual([1, 2, 3]);
    expect((await t.toArrow()).numRows).toBe(3);
    expect(await t.toCSV()).toBe('a\n1\n2\n3\n');
  });
  it('print shows the first rows', async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (s: string) => lines.push(String(s));
    try {
      await fl.table({ a: [1, 2, 3, 4] }).orderby('a').print({ limit: 2 });
    } finally {
      console.log = log;
    }
    expect(lines.join('\n')).toMatch(/^\s+1$/m);
    expect(lines.join('\n')).toContain('… 2 more rows (4 rows in all)');
    expect(existsSync(dir)).toBe(true);
  });
});

describe('the Arrow encoder of in-memory tables', () => {
  const decode = (columns: [string, ArrayLike<unknown>][], types?: Record<string, string>, batchRows?: number) => {
    const encoded = encodeColumns(columns, types, batchRows);
    return { encoded, table: flechetteFromIPC(Buffer.concat(encoded.chunks)) };
  };
  it('writes strings byte for byte: ASCII, unicode, astral characters, lone surrogates, nulls, across batches', () => {
    const s = ['abc', '', null, 'Zoë', '😀𝄞', '\ud800', 'x', undefined, '\udc00y', 'é'.repeat(40)];
    const { table, encoded } = decode([['s', s]], undefined, 3);
    expect(encoded.schema).toEqual([{ name: 's', type: 'STRING' }]);
    expect(table.getChild('s').data.length).toBe(4);
    const expected = s.map((v) => (v == null ? null : Buffer.from(v, 'utf8').toString('utf8')));
    expect(table.getChild('s').toArray()).toEqual(expected);
  });
  it('writes short and long strings, ASCII or not, NaN as missing and other values as their text', () => {
    const ascii24 = 'a'.repeat(24), ascii25 = 'b'.repeat(25);
    const s = [ascii24, ascii24.slice(1) + 'é', ascii25, ascii25.slice(1) + '€', 'x'.repeat(5000) + '😀', NaN, 7, true, 'ok', ...Array.from({ length: 3000 }, (_, i) => `row ${i} ${'ü'.repeat(i % 30)}`)];
    const { table } = decode([['s', s]], { s: 'STRING' }, 1000);
    const expected = s.map((v) => (typeof v === 'number' && Number.isNaN(v) ? null : String(v)));
    expect(table.getChild('s').toArray()).toEqual(expected);
    expect(table.getChild('s').data[0]!.nullCount).toBe(1);
    // ASCII groups, then text that is not ASCII within the same batch, with missing values on both sides
    const mixed = Array.from({ length: 10_000 }, (_, i) => (i % 100 === 0 ? null : i < 5000 ? `plain ${i}` : `ünï ${i}`));
    const after = decode([['s', mixed]]).table.getChild('s');
    expect(after.toArray()).toEqual(mixed);
    expect(after.data[0]!.nullCount).toBe(100);
  });
  it('copies typed arrays (a later change does not reach Flink) and converts plain numbers with nulls', () => {
    const x = new Float64Array([1.5, 2, 3]);
    const { table } = decode([['x', x], ['i', [1, null, 3]], ['f', [0.5, undefined, -1]]], { i: 'INT' });
    x[0] = 99;
    expect(Array.from(table.getChild('x').toArray() as Float64Array)).toEqual([1.5, 2, 3]);
    expect(table.getChild('i').toArray()).toEqual([1, null, 3]);
    expect(table.getChild('f').toArray()).toEqual([0.5, null, -1]);
  });
  it('writes no validity bitmap when a column has no null, and an empty table as a schema only', () => {
    const { table } = decode([['s', ['a', 'b']]]);
    expect(table.getChild('s').data[0]!.nullCount).toBe(0);
    const empty = decode([['s', []], ['x', new Float64Array(0)]], { s: 'STRING' });
    expect(empty.table.numRows).toBe(0);
    expect(empty.encoded.schema).toEqual([{ name: 's', type: 'STRING' }, { name: 'x', type: 'DOUBLE' }]);
  });
});
