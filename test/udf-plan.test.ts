import * as aq from 'arquero';
import { afterEach, describe, expect, it } from 'vitest';
import { udf } from '../src/index.js';
import { udfPlanSwitches } from '../src/frame/udf-plan-switches.js';
import { fl } from './support/flink-session.js';

// lambdas are shipped as text, so `op` here is only a name the translator reads
declare const op: Record<string, (...args: unknown[]) => any>;
type Row = Record<string, unknown>;

const STRINGS = { s: ['ab1', 'cd22', null, 'x333', 'yy'], a: [1, 2, 3, 4, 5] };
const STRING_TYPES = { types: { s: 'STRING', a: 'BIGINT' } };
const BIGINTS = { types: { a: 'BIGINT', b: 'BIGINT' } };

fl.addFunction('addp', udf((i: number, j: number) => i + j, { returns: 'BIGINT' }));
fl.addFunction('vaddp', udf((i: BigInt64Array, j: BigInt64Array) => i.map((x, k) => x + j[k]), { returns: 'BIGINT', vectorized: true }));
// fails on the rows a filter should have removed before the stage
fl.addFunction('onlyBig', udf((x: number) => {
  if (x <= 2) throw new Error(`saw ${x}`);
  return x * 10;
}, { returns: 'BIGINT' }));

const defaults = { ...udfPlanSwitches };
afterEach(() => Object.assign(udfPlanSwitches, defaults));

/** Rows as comparable text: undefined (Arquero) and null (Flink) are both missing values. */
const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? null])))).sort();
const stages = (plan: string) => plan.split('\n').filter((l) => l.includes('JavaScript UDF stage'));
const logicalPlan = (plan: string) => plan.split('== Flink SQL ==')[0];

/** Arquero (running the same lambdas as plain JS through aq.escape, its parser rejects regex methods) as the oracle. */
function arqueroDerive(data: Record<string, unknown[]>, values: Record<string, (d: any) => unknown>): Row[] {
  const escaped = Object.fromEntries(Object.entries(values).map(([k, f]) => [k, aq.escape(f)]));
  return aq.table(data).derive(escaped).objects() as Row[];
}

describe('lambdas with no Flink SQL form run as generated JavaScript', () => {
  it('keeps the SQL parts in Flink and runs only the JavaScript part in the stage', async () => {
    const values = {
      r: (d: any) => d.s?.replace(/\d/g, '#'),
      u: (d: any) => (d.s === null ? -1 : d.s.replace(/[a-z]/g, '').length * 2 + d.a),
      b: (d: any) => (d.a | 4) + 1,
    };
    const t = fl.table(STRINGS, undefined, STRING_TYPES).derive(values);
    const plan = t.explain();
    const [stage] = stages(plan);
    expect(stages(plan)).toHaveLength(1);
    expect(stage).toContain('js d.s?.replace(/\\d/g, "#") over (d.s)');
    expect(stage).toContain('js d.a | 4 over (d.a)');
    // the guard and the branch go together: JS evaluates the branch only where the guard lets it
    expect(stage).toMatch(/js d\.s === null \? -1 : d\.s\.replace\(.*\)\.length \* 2 \+ d\.a over \(d\.s === null, d\.s, d\.a\)/);
    expect(plan).toMatch(/`__ff_udf\d+`( AS BIGINT\))? \+ 1\) AS `b`/); // "+ 1" around the JavaScript part is Flink SQL
    expect(stage).toContain('ships s, __ff_udf');
    expect(sorted(await t.objects())).toEqual(sorted(arqueroDerive(STRINGS, values)));
  });

  it('runs Arquero ops Flink lacks with Arquero\'s own implementation', async () => {
    const data = { s: ['ab12', 'Amélie', 'x7y8'], a: [1, 2, 3] };
    const values = { m: (d: any) => op.match(d.s, /\d+/, 0), n: (d: any) => op.normalize(d.s, 'NFD').length, j: (d: any) => op.to_json(d.a) };
    const t = fl.table(data, undefined, STRING_TYPES).derive(values);
    expect(logicalPlan(t.explain())).toContain('js op.match(d.s, /\\d+/, 0) over (d.s)');
    const expected = aq.table(data).derive(values).objects();
    expect(sorted(await t.objects())).toEqual(sorted(expected as Row[]));
  });

  it('computes SQL arguments in Flink before the stage', async () => {
    const data = { s: ['a', 'b'], a: [1, 2] };
    const t = fl.table(data, undefined, STRING_TYPES).derive({ k: (d: any) => /^b-/.test(d.s + '-' + (d.a * 2)) });
    const plan = t.explain();
    expect(stages(plan)[0]).toMatch(/over \(d\.s \+ "-" \+ d\.a \* 2\).*ships __ff_udf\d+_arg0 \(1 of 3 columns\)/);
    expect(plan).toMatch(/arguments of js/);
    expect((await t.objects()).map((r: any) => r.k).sort()).toEqual([false, true]);
  });

  it('splits a filter: SQL tests run below the stage, the JavaScript test in it', async () => {
    const predicate = (d: any) => /\d\d/.test(d.s) && d.a > 2;
    const t = fl.table(STRINGS, undefined, STRING_TYPES).filter(predicate);
    const plan = logicalPlan(t.explain()).split('\n');
    const stageLine = plan.findIndex((l) => l.includes('JavaScript UDF stage'));
    const sqlFilterLine = plan.findIndex((l) => l.includes('d.a > 2'));
    expect(stageLine).toBeGreaterThan(0);
    expect(sqlFilterLine).toBeGreaterThan(stageLine); // below it, i.e. its input
    expect(sorted(await t.objects())).toEqual(sorted(aq.table(STRINGS).filter(aq.escape(predicate)).objects() as Row[]));
  });

  it('computes a JavaScript part inside an aggregate in a stage before the aggregation', async () => {
    const data = { g: ['x', 'x', 'y', 'y', 'y'], s: ['a1', 'b22', 'c33', 'd', 'e44'] };
    const t = fl.table(data).groupby('g').rollup({ n: (d: any) => op.sum(/\d\d/.test(d.s) ? 1 : 0), u: (d: any) => op.max(op.addp(d.s.length, 1)) });
    expect(stages(t.explain()).length).toBeGreaterThan(0);
    const expected = aq.table(data).derive({ t: aq.escape((d: any) => (/\d\d/.test(d.s) ? 1 : 0)), l: aq.escape((d: any) => d.s.length + 1) })
      .groupby('g').rollup({ n: aq.op.sum('t'), u: aq.op.max('l') }).objects();
    expect(sorted(await t.objects())).toEqual(sorted(expected as Row[]));
  });

  it('refuses a closure inside a JavaScript part, saying how to pass it', () => {
    const suffix = '!';
    const t = fl.table(STRINGS, undefined, STRING_TYPES);
    expect(() => t.derive({ x: (d: any) => d.s.replace(/a/g, suffix) })).toThrow(/reads the variable "suffix".*table\.params\(\{ suffix: \.\.\. \}\)/s);
    // params are written into the generated function
    const rows = t.params({ suffix: '!' }).derive({ x: (d: any, $: any) => d.s?.replace(/a/g, $.suffix) }).objects();
    return expect(rows.then((r) => r.map((x: any) => x.x).sort())).resolves.toEqual(['!b1', 'cd22', 'x333', 'yy', null].sort());
  });

  it('refuses a JavaScript part whose type the syntax does not tell, saying how to convert it', () => {
    const t = fl.table(STRINGS, undefined, STRING_TYPES);
    expect(() => t.derive({ x: (d: any) => d.s.split('').reverse() })).toThrow(/result type cannot be told.*String\(\.\.\.\)/s);
  });

  it('names the failing row of a JavaScript part', async () => {
    const t = fl.table(STRINGS, undefined, STRING_TYPES).derive({ x: (d: any) => d.s.replace(/\d/g, '') });
    await expect(t.objects()).rejects.toThrow(/failed on row \(d\.s=null\): Cannot read properties of null/);
  });
});

describe('UDF plan optimizations', () => {
  const ab = { a: [1, 2, 3, 4, 5], b: [10, 20, 30, 40, 50] };

  it('(a) puts row and vectorized UDFs in separate stages', async () => {
    const make = () => fl.table(ab, undefined, BIGINTS).derive({ r: (d: any) => op.addp(d.a, d.b), v: (d: any) => op.vaddp(d.a, d.b) });
    const split = make();
    expect(stages(split.explain()).map((l) => l.match(/\[(row|vectorized)\]/g)?.join(''))).toEqual(['[vectorized]', '[row]']);
    udfPlanSwitches.splitByKind = false;
    const mixed = make();
    expect(stages(mixed.explain())).toHaveLength(1);
    const expected = sorted(aq.table(ab).derive({ r: (d: any) => d.a + d.b, v: (d: any) => d.a + d.b }).objects() as Row[]);
    expect(sorted(await split.objects())).toEqual(expected);
    expect(sorted(await mixed.objects())).toEqual(expected);
  });

  it('(b) pushes a filter that does not read UDF results below the stage', async () => {
    const make = () => fl.table(ab, undefined, BIGINTS).derive({ c: (d: any) => op.onlyBig(d.a) }).filter((d: any) => d.a > 2);
    const pushed = make();
    const plan = logicalPlan(pushed.explain()).split('\n');
    expect(plan.findIndex((l) => l.includes('d.a > 2'))).toBeGreaterThan(plan.findIndex((l) => l.includes('JavaScript UDF stage')));
    // the UDF throws on a <= 2: it never sees those rows
    const expected = aq.table(ab).derive({ c: (d: any) => d.a * 10 }).filter((d: any) => d.a > 2).objects();
    expect(sorted(await pushed.objects())).toEqual(sorted(expected as Row[]));
    udfPlanSwitches.pushFilters = false;
    const above = make();
    const abovePlan = logicalPlan(above.explain()).split('\n');
    expect(abovePlan.findIndex((l) => l.includes('d.a > 2'))).toBeLessThan(abovePlan.findIndex((l) => l.includes('JavaScript UDF stage')));
    await expect(above.objects()).rejects.toThrow(/saw [12]/);
  });

  it('(b) keeps a filter that reads a UDF result above its stage', async () => {
    const t = fl.table(ab, undefined, BIGINTS).derive({ c: (d: any) => op.addp(d.a, d.b) }).filter((d: any) => d.c > 30);
    const plan = logicalPlan(t.explain()).split('\n');
    expect(plan.findIndex((l) => l.includes('d.c > 30'))).toBeLessThan(plan.findIndex((l) => l.includes('JavaScript UDF stage')));
    expect((await t.objects()).map((r: any) => r.a).sort()).toEqual([3, 4, 5]);
  });

  it('(c) chains consecutive UDF calls into one worker round trip', async () => {
    const make = () => fl.table(ab, undefined, BIGINTS).derive({
      x: (d: any) => op.addp(op.addp(d.a, d.b), d.a), // the inner result feeds the outer call inside the worker
      y: (d: any) => op.addp(d.b, d.b),
    });
    const chained = make();
    const [stage, ...more] = stages(chained.explain());
    expect(more).toHaveLength(0);
    expect(stage).toMatch(/addp\(d\.a, d\.b\) \[row\] → (__ff_udf\d+); addp\(op\.addp\(d\.a, d\.b\), d\.a\) \[row\] → __ff_udf\d+; addp\(d\.b, d\.b\) \[row\]/);
    udfPlanSwitches.chain = false;
    const separate = make();
    expect(stages(separate.explain())).toHaveLength(3);
    const expected = sorted(aq.table(ab).derive({ x: (d: any) => 2 * d.a + d.b, y: (d: any) => 2 * d.b }).objects() as Row[]);
    expect(sorted(await chained.objects())).toEqual(expected);
    expect(sorted(await separate.objects())).toEqual(expected);
  });

  it('(d) ships only the columns the UDFs read', async () => {
    const data = { ...ab, s: ['p', 'q', 'r', 's', 't'], e: [0.5, 1.5, 2.5, 3.5, 4.5] };
    const make = () => fl.table(data, undefined, BIGINTS).derive({ c: (d: any) => op.addp(d.a, d.b) });
    const narrow = make();
    expect(stages(narrow.explain())[0]).toContain('ships a, b (2 of 4 columns)');
    udfPlanSwitches.shipOnlyRead = false;
    const wide = make();
    expect(stages(wide.explain())[0]).toContain('ships a, b, s, e (4 of 4 columns)');
    const expected = sorted(aq.table(data).derive({ c: (d: any) => d.a + d.b }).objects() as Row[]);
    expect(sorted(await narrow.objects())).toEqual(expected);
    expect(sorted(await wide.objects())).toEqual(expected);
  });
});
