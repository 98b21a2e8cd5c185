import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { desc, op, udf, type Table } from '../src/index.js';
import { toSql } from '../src/translate/plan-sql.js';
import { fl } from './support/flink-session.js';

const dir = mkdtempSync(join(tmpdir(), 'ff-plan-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What Flink's planner answers for the frame's whole query, asked anew. */
function plannedSchema(t: Table) {
  fl.prepare(t.state.node);
  fl.engine.forgetSchemas();
  return fl.engine.schemaOf(toSql(t.state.node));
}

const memory = () =>
  fl.table({
    d: [1.5, null, 3],
    f: Float32Array.of(1, 2, 3),
    i: Int32Array.of(1, 2, 3),
    big: [1n, 2n, null],
    s: ['a', "o'k", null],
    b: [true, false, null],
    t: [new Date(0), null, new Date(86_400_000)],
    arr: [[1, 2], [], null],
    none: [null, null, null],
  });

function csv() {
  const file = join(dir, 'plan.csv');
  writeFileSync(file, 'id,name,score,day\n1,x,1.5,2024-01-02\n2,y,,2024-03-04\n');
  return fl.loadCSV(file);
}

function json() {
  const file = join(dir, 'plan.jsonl');
  writeFileSync(file, '{"user":"a","n":1,"ok":true}\n{"user":"b","n":2.5,"ok":null}\n');
  return fl.loadJSON(file);
}

const parquet = () => fl.loadParquet(join(import.meta.dirname, 'fixtures', 'local-engine.parquet'));

const steps: [string, (t: Table) => Table][] = [
  ['filter', (t) => t.filter(`d => d.${t.columnNames()[0]} !== null`)],
  ['select and rename', (t) => t.select({ [t.columnNames()[1]!]: 'second', [t.columnNames()[0]!]: 'first' })],
  ['relocate', (t) => t.relocate(t.columnNames().slice(-1), { before: t.columnNames()[0]! })],
  ['dedupe', (t) => t.dedupe(t.columnNames()[0]!)],
  ['slice', (t) => t.slice(1, 2)],
  ['orderby, slice', (t) => t.orderby(desc(t.columnNames()[0]!)).slice(0, 1)],
  ['derive, then filter and select', (t) => t.derive({ z: () => 1 }).filter(() => true).select('z')],
];

describe("schemas of steps that compute no value are their inputs' (no planner call), as Flink's planner says", () => {
  const sources = [['in-memory columns of every type', memory], ['a CSV file', csv], ['a JSON file', json], ['a Parquet file', parquet]] as const;
  for (const [source, make] of sources) {
    for (const [label, step] of steps) {
      it(`${label} over ${source}`, () => {
        const t = step(make());
        expect(t.fullSchema()).toEqual(plannedSchema(t));
      });
    }
  }
});

describe('schema cache by SQL text', () => {
  it('a frame built again asks the planner nothing', () => {
    const source = fl.table({ a: [1, 2], s: ['x', 'y'] });
    const build = () => source.derive({ b: (d: any) => d.a * 2 }).groupby('s').rollup({ m: (d: any) => op.max(d.b) });
    const flink = (fl.engine as unknown as { flink: { schemaSync(q: string): string } }).flink;
    const asked = vi.spyOn(flink, 'schemaSync');
    try {
      const first = build().columnNames();
      const calls = asked.mock.calls.length;
      expect(calls).toBeGreaterThan(0);
      expect(build().columnNames()).toEqual(first);
      expect(asked.mock.calls.length).toBe(calls);
    } finally {
      asked.mockRestore();
    }
  });

  it('re-registering a name is seen by the same query text', () => {
    fl.register('plan_schema_v', fl.table({ a: [1] }));
    expect(fl.sql('SELECT * FROM plan_schema_v').columnNames()).toEqual(['a']);
    fl.register('plan_schema_v', fl.table({ b: ['x'], c: [2] }));
    expect(fl.sql('SELECT * FROM plan_schema_v').columnNames()).toEqual(['b', 'c']);
  });

  it('a JavaScript function registered under a name is seen by a query asked before (here, of the built-in it shadows)', () => {
    const query = "SELECT REPEAT('a', 2) AS r";
    expect(fl.sql(query).schema()).toEqual([{ name: 'r', type: 'STRING' }]);
    fl.addFunction('REPEAT', udf(() => 1, { returns: 'BIGINT' }));
    expect(fl.sql(query).schema()).toEqual([{ name: 'r', type: 'BIGINT' }]);
    fl.addFunction('REPEAT', udf(() => true, { returns: 'BOOLEAN' })); // again: the old one is dropped first
    expect(fl.sql(query).schema()).toEqual([{ name: 'r', type: 'BOOLEAN' }]);
  });
});
