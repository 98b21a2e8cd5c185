import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as aq from 'arquero';
import { afterAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import { all, desc, not, op, rolling } from '../src/index.js';
import { depts, empty, numbers, people } from './support/data.js';

// This file never touches Flink: every frame here belongs to a local-engine session.
const local = ff.session({ engine: 'local' });
const dir = mkdtempSync(join(tmpdir(), 'flinkframe-local-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Pipeline = (t: any, other?: any) => any;

/** The pipeline on the local engine gives exactly what Arquero gives, in the same order, with the same columns. */
async function expectArquero(data: Record<string, unknown[]>, pipeline: Pipeline, other?: Record<string, unknown[]>) {
  const expected = pipeline(aq.table(data), other && aq.table(other));
  const frame = pipeline(local.table(data), other && local.table(other));
  expect(frame).toBeInstanceOf(ff.Table);
  expect(frame.columnNames()).toEqual(expected.columnNames());
  expect(await frame.objects()).toEqual(expected.objects());
  expect(await frame.numRows()).toBe(expected.numRows());
}

const verbs: [string, Pipeline, Record<string, unknown[]>?][] = [
  ['filter', (t) => t.filter((d: any) => d.age > 30)],
  ['params', (t) => t.params({ lo: 30 }).filter((d: any, $: any) => d.age > $.lo)],
  ['derive', (t) => t.derive({ c: (d: any) => d.a * 2 + 1, r: (d: any) => d.a / d.b }, { before: 'a' })],
  ['select', (t) => t.select(not('salary'), { name: 'who' })],
  ['select all', (t) => t.select(all())],
  ['rename', (t) => t.rename({ name: 'who' })],
  ['relocate', (t) => t.relocate(['age', 'salary'], { before: 'name' })],
  ['groupby + rollup', (t) => t.groupby('dept').rollup({ n: op.count(), avg: op.mean('age'), top: op.max('salary') })],
  ['groupby + ungroup + count', (t) => t.groupby('dept').ungroup().count()],
  ['count', (t) => t.groupby('dept').count({ as: 'n' })],
  ['orderby + unorder', (t) => t.orderby(desc('age'), 'id').unorder().orderby('name')],
  ['slice', (t) => t.orderby('id').slice(1, 4)],
  ['slice per group', (t) => t.groupby('dept').orderby('id').slice(0, 1)],
  ['dedupe', (t) => t.dedupe('dept')],
  ['join', (t, o) => t.join(o, 'dept'), depts],
  ['join_left', (t, o) => t.join_left(o, 'dept'), depts],
  ['join_right', (t, o) => t.join_right(o, 'dept'), depts],
  ['join_full', (t, o) => t.join_full(o, ['dept', 'dept']), depts],
  ['join on a predicate', (t, o) => t.join(o, (a: any, b: any) => a.dept === b.dept && b.floor > 1), depts],
  ['semijoin', (t, o) => t.semijoin(o, 'dept'), depts],
  ['antijoin', (t, o) => t.antijoin(o, 'dept'), depts],
  ['cross', (t, o) => t.select('id').cross(o), depts],
  ['lookup', (t, o) => t.lookup(o, 'dept', 'floor'), depts],
  ['concat', (t) => t.concat(t.filter((d: any) => d.age > 30))],
  ['union', (t) => t.select('dept').union(t.select('dept'))],
  ['intersect', (t) => t.select('dept').intersect(t.filter((d: any) => d.id > 3).select('dept'))],
  ['except', (t) => t.select('dept').except(t.filter((d: any) => d.id > 3).select('dept'))],
  ['fold', (t) => t.select('id', 'age', 'salary').fold(['age', 'salary'])],
  ['pivot', (t) => t.pivot('dept', { total: (d: any) => op.sum(d.salary) })],
  ['spread', (t) => t.derive({ parts: (d: any) => op.split(d.name, '') }).spread('parts', { limit: 2 })],
  ['unroll', (t) => t.derive({ parts: (d: any) => op.split(d.name, '') }).unroll('parts', { index: true })],
  ['impute', (t) => t.groupby('dept').impute({ age: () => op.mean('age') }).ungroup()],
  ['window functions', (t) => t.groupby('dept').orderby('id').derive({ rn: () => op.row_number(), prev: (d: any) => op.lag(d.age) })],
  ['rolling', (t) => t.orderby('id').derive({ s: rolling((d: any) => op.sum(d.age), [-1, 0]) })],
  ['empty table', (t) => t.filter((d: any) => d.a > 0)],
];

describe('the local engine gives Arquero results', () => {
  for (const [name, pipeline, other] of verbs) {
    const data = name === 'derive' ? numbers : name === 'empty table' ? empty : people;
    it(name, () => expectArquero(data, pipeline, other));
  }

  it('head and sample', async () => {
    const t = local.table(people);
    expect(await t.orderby('id').head(2).objects()).toEqual(aq.table(people).orderby('id').slice(0, 2).objects());
    const sampled = await t.sample(3).objects();
    expect(sampled).toHaveLength(3);
    for (const row of sampled) expect(aq.table(people).objects()).toContainEqual(row);
  });
});

describe('materializers', () => {
  const frame = () => local.table(people).filter((d: any) => d.age > 25).orderby('name');
  const expected = () => aq.table(people).filter((d: any) => d.age > 25).orderby('name');

  it('objects, with limit, offset and columns', async () => {
    expect(await frame().objects({ limit: 2, offset: 1, columns: ['name'] })).toEqual(
      expected().objects({ offset: 1, limit: 2, columns: ['name'] }),
    );
  });
  it('collect gives an ungrouped Arquero table in order', async () => {
    const t = await frame().collect();
    expect(t.objects()).toEqual(expected().objects());
    expect(t.isGrouped()).toBe(false);
  });
  it('toArrow gives an apache-arrow table', async () => {
    const arrow = await frame().toArrow();
    expect(arrow.numRows).toBe(expected().numRows());
    expect(arrow.schema.fields.map((f) => f.name)).toEqual(expected().columnNames());
  });
  it('toCSV is Arquero’s', async () => {
    expect(await frame().toCSV()).toBe(expected().toCSV());
  });
  it('print shows the aligned text table', async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (s: string) => lines.push(s);
    try {
      await frame().print(2);
    } finally {
      console.log = log;
    }
    expect(lines[0]).toMatch(/name\s+.*age/);
    expect(lines[0]).toMatch(/… 2 more rows \(4 rows in all\)/);
  });
  it('display hands HTML to the given display', async () => {
    let html = '';
    await frame().display({ display: { html: (h: string) => (html = h) } });
    expect(html).toContain('<table');
    expect(html).toContain('Ada');
  });
  it('writeCSV and writeJSON: one file for a file name, part files for a folder', async () => {
    const csv = join(dir, 'out.csv');
    await frame().select('name', 'age').writeCSV(csv);
    expect(readFileSync(csv, 'utf8')).toBe(expected().select('name', 'age').toCSV() + '\n');
    const json = join(dir, 'out.json');
    await frame().select('id').writeJSON(json);
    expect(readFileSync(json, 'utf8')).toBe('{"id":5}\n{"id":1}\n{"id":2}\n{"id":4}\n');
    const folder = join(dir, 'parts');
    await frame().writeCSV(folder);
    expect(readdirSync(folder)).toEqual(['part-0.csv']);
    await expect(frame().writeParquet(join(dir, 'x.parquet'))).rejects.toThrow(/no in-process Parquet writer/);
  });
  it('schema questions: columns and Flink types of the values', () => {
    const t = local.table(people).derive({ n: (d: any) => op.length(d.name) });
    expect(t.schema()).toEqual([
      { name: 'id', type: 'DOUBLE' }, { name: 'name', type: 'STRING' }, { name: 'dept', type: 'STRING' },
      { name: 'age', type: 'DOUBLE' }, { name: 'salary', type: 'DOUBLE' }, { name: 'active', type: 'BOOLEAN' },
      { name: 'n', type: 'DOUBLE' },
    ]);
    expect(t.numCols()).toBe(7);
    expect(t.groupby('dept').isGrouped()).toBe(true);
    expect(t.orderby('id').isOrdered()).toBe(true);
  });
  it('explain lists the verbs and says the local engine runs them', () => {
    const text = frame().explain();
    expect(text).toMatch(/orderby\("name"\)\n\s+filter\(/);
    expect(text).toMatch(/Local engine/);
  });
});

describe('sources', () => {
  it('from, fromCSV and fromArrow', async () => {
    const rows = [{ a: 1, b: 'x' }, { a: 2, b: 'y' }];
    expect(await local.from(rows).objects()).toEqual(rows);
    expect(await local.fromCSV('a,b\n1,x\n2,y\n').objects()).toEqual(rows);
    expect(await local.fromArrow(aq.from(rows).toArrow()).objects()).toEqual(rows);
    expect(await local.fromArrow(await local.from(rows).toArrow()).objects()).toEqual(rows);
  });
  it('loadCSV, loadJSON and loadText read files in-process', async () => {
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, 'id,zone\n1,007\n2,008\n');
    expect(await local.loadCSV(csv).objects()).toEqual(aq.fromCSV(readFileSync(csv, 'utf8')).objects());
    expect(await local.loadCSV(csv, { types: { zone: 'STRING' } }).objects()).toEqual([{ id: 1, zone: '007' }, { id: 2, zone: '008' }]);
    const json = join(dir, 'in.jsonl');
    writeFileSync(json, '{"user":"a","n":1}\n{"user":"b","n":2.5}\n');
    expect(await local.loadJSON(json).groupby('user').rollup({ t: op.sum('n') }).orderby('user').objects()).toEqual([
      { user: 'a', t: 1 },
      { user: 'b', t: 2.5 },
    ]);
    const text = join(dir, 'in.txt');
    writeFileSync(text, 'hello flink\nhello pyflink\n');
    expect(await local.loadText(text).objects()).toEqual([{ line: 'hello flink' }, { line: 'hello pyflink' }]);
  });
  it('loadParquet reads with hyparquet (a file Flink wrote, shipped by the test data)', async () => {
    const file = fileURLToPath(new URL('./fixtures/local-engine.parquet', import.meta.url));
    expect(await local.loadParquet(file).orderby('k').objects()).toEqual([{ k: 'x', v: 1.5 }, { k: 'y', v: 2 }]);
  });
  it('a missing file fails at the call, naming it', () => {
    expect(() => local.loadCSV(join(dir, 'missing.csv'))).toThrow(/missing\.csv does not exist/);
  });
});

describe('UDFs run in-process with the same semantics', () => {
  const s = ff.session({ engine: 'local' });
  s.addFunction('addk', ff.udf((a: number, b: number) => a + b + k, { returns: 'DOUBLE', params: { k: 100 } }));
  s.addFunction('vmul', ff.udf((a: Float64Array, b: Float64Array) => a.map((x, i) => x * b[i]!), { returns: 'DOUBLE', vectorized: true }));
  s.addFunction('shout', ff.udf((x: string | null) => (x === null ? null : x.toUpperCase()), { returns: 'STRING' }));

  it('row and vectorized UDFs in derive and filter', async () => {
    const t = s.table(numbers).derive({ c: (d: any) => op.addk(d.a, d.b) * 2, m: (d: any) => op.vmul(d.a, d.x) }).filter((d: any) => op.vmul(d.a, d.b) > 0);
    const expected = aq.table(numbers)
      .derive({ c: (d: any) => (d.a + d.b + 100) * 2, m: (d: any) => d.a * d.x })
      .filter((d: any) => d.a * d.b > 0);
    expect(await t.objects()).toEqual(expected.objects());
  });
  it('nulls reach a row UDF as null', async () => {
    const rows = await s.table(people).derive({ u: (d: any) => op.shout(d.dept) }).objects({ columns: ['u'] });
    expect(rows.map((r) => r.u)).toEqual(['ENG', 'OPS', 'ENG', null, 'OPS', 'ENG']);
  });
  it('a wrong result type fails naming the UDF and the row', () => {
    s.addFunction('bad', ff.udf(() => 'text', { returns: 'BIGINT' }));
    expect(() => s.table(numbers).derive({ z: (d: any) => op.bad(d.a) })).toThrow(/JavaScript UDF 'bad' failed on row \(7\): .*expected an integer, got "text"/);
  });
});

describe('what the Flink engine refuses, the local engine refuses too', () => {
  it('sql() and register() say to use the Flink engine', () => {
    expect(() => local.sql('SELECT 1')).toThrow(/SQL needs the Flink engine.*engine: 'flink'/);
    expect(() => local.register('t', local.table(people))).toThrow(/SQL needs the Flink engine/);
  });
  it('assign, negative slices, a per-group sample size with replacement', () => {
    const t = local.table(people);
    expect(() => t.assign(t)).toThrow(/join on it instead/);
    expect(() => t.slice(-2)).toThrow(/orderby\(desc/);
    expect(() => t.sample('() => op.count()', { replace: true })).toThrow(/with \{ replace: true \}/);
  });
  it('a bad column fails at the verb call', () => {
    expect(() => local.table(people).select('nope')).toThrow(/select\("nope"\): Unrecognized column: nope/);
    expect(() => local.table(people).filter((d: any) => d.nope > 1)).toThrow(/nope/);
  });
  it('a local frame cannot meet a Flink one', () => {
    const flink = ff.session({ engine: 'flink' }); // an in-memory frame starts nothing until Flink is needed
    expect(() => local.table(people).join(flink.table(depts), 'dept')).toThrow(/same session/);
  });
});

describe('choosing the engine', () => {
  it('session({ engine }) beats FLINKFRAME_ENGINE, which beats the default (flink)', () => {
    const saved = process.env.FLINKFRAME_ENGINE;
    try {
      delete process.env.FLINKFRAME_ENGINE;
      expect(ff.session().engineKind).toBe('flink');
      process.env.FLINKFRAME_ENGINE = 'local';
      expect(ff.session().engineKind).toBe('local');
      expect(ff.session({ engine: 'flink' }).engineKind).toBe('flink');
      process.env.FLINKFRAME_ENGINE = 'spark';
      expect(() => ff.session()).toThrow(/FLINKFRAME_ENGINE=spark: unknown engine; use 'flink'.*or 'local'/);
    } finally {
      if (saved === undefined) delete process.env.FLINKFRAME_ENGINE;
      else process.env.FLINKFRAME_ENGINE = saved;
    }
  });
  it('a local session has no Flink engine to start', () => {
    expect(() => local.engine).toThrow(/local-engine session has no Flink engine/);
  });
});

describe('no JVM is involved', () => {
  const script = fileURLToPath(new URL('./support/local-pipeline.mjs', import.meta.url));
  const run = (...args: string[]) => JSON.parse(execFileSync(process.execPath, [script, ...args], { encoding: 'utf8' }).trim().split('\n').pop()!);

  it('a full local pipeline in a fresh process (module-level functions, FLINKFRAME_ENGINE=local) never loads java-bridge', () => {
    const report = run();
    expect(report.rows).toEqual([{ g: 'a', n: 2 }, { g: 'b', n: 1 }]);
    expect(report.javaBridgeLoaded).toBe(false);
  });
  it('the check sees java-bridge when it is loaded (control)', () => {
    expect(run('--load-java-bridge').javaBridgeLoaded).toBe(true);
  });
  it('nor did anything in this file load it', () => {
    const cache = createRequire(import.meta.url).cache;
    expect(Object.keys(cache).filter((k) => k.includes('java-bridge'))).toEqual([]);
  });
});
