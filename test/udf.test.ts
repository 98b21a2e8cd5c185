import { describe, expect, it } from 'vitest';
import { udf } from '../src/index.js';
import { fl } from './support/flink-session.js';

// lambdas are shipped as text, so `op` here is only a name the translator reads
declare const op: Record<string, (...args: unknown[]) => any>;

const BIGINTS = { types: { a: 'BIGINT', b: 'BIGINT' } };

fl.addFunction('add', udf((i: number, j: number) => i + j, { returns: 'BIGINT' }));
fl.addFunction('vadd', udf((i: BigInt64Array, j: BigInt64Array) => i.map((x, k) => x + j[k]), { returns: 'BIGINT', vectorized: true }));

describe('JavaScript UDFs on Arrow batches', () => {
  it('the seed demo: a row UDF adds two BIGINT columns and gives 3', async () => {
    const t = fl.table({ a: [1], b: [2] }, undefined, BIGINTS).derive({ c: (d: any) => op.add(d.a, d.b) });
    expect(t.schema()).toEqual([{ name: 'a', type: 'BIGINT' }, { name: 'b', type: 'BIGINT' }, { name: 'c', type: 'BIGINT' }]);
    expect(await t.objects()).toEqual([{ a: 1, b: 2, c: 3 }]);
    expect(await t.objects()).toEqual([{ a: 1, b: 2, c: 3 }]); // the stage's view serves a second job too
  });

  it('the seed demo: a vectorized UDF gives 3', async () => {
    const t = fl.table({ a: [1], b: [2] }, undefined, BIGINTS).derive({ c: (d: any) => op.vadd(d.a, d.b) });
    expect(await t.objects()).toEqual([{ a: 1, b: 2, c: 3 }]);
  });

  it('keeps what Flink can compute in Flink: arguments before the stage, the rest after', async () => {
    const t = fl.table({ a: [1, 2, 3], b: [10, 20, 30] }, undefined, BIGINTS)
      .derive({ c: (d: any) => op.add(d.a, d.b) * 2 + 1, e: (d: any) => op.vadd(d.a + 1, d.b) });
    const plan = t.explain();
    expect(plan).toContain('JavaScript UDF stage: add(d.a, d.b) [row]');
    expect(plan).toContain('JavaScript UDF stage: vadd(d.a + 1, d.b) [vectorized]');
    expect(plan).toMatch(/\(`__ff_udf\d+` \* 2\) \+ 1/); // the arithmetic around the call is Flink SQL
    expect(t.columnNames()).toEqual(['a', 'b', 'c', 'e']);
    const rows = (await t.objects()).sort((x: any, y: any) => x.a - y.a);
    expect(rows).toEqual([
      { a: 1, b: 10, c: 23, e: 12 },
      { a: 2, b: 20, c: 45, e: 23 },
      { a: 3, b: 30, c: 67, e: 34 },
    ]);
  });

  it('filters on a UDF result', async () => {
    const t = fl.table({ a: [1, 2, 3, 4], b: [1, 1, 1, 1] }, undefined, BIGINTS).filter((d: any) => op.add(d.a, d.b) > 3);
    expect(t.columnNames()).toEqual(['a', 'b']);
    expect((await t.objects()).map((r: any) => r.a).sort()).toEqual([3, 4]);
  });

  it('runs many batches on every subtask, joining each result to its own row', async () => {
    const n = 25_000;
    const a = Array.from({ length: n }, (_, i) => i);
    const b = Array.from({ length: n }, (_, i) => 3 * i);
    fl.addFunction('vaddSmall', udf((x: BigInt64Array, y: BigInt64Array) => x.map((v, k) => v + y[k]), { returns: 'BIGINT', vectorized: true, batchSize: 1000 }));
    fl.addFunction('vaddWaiting', udf((x: BigInt64Array, y: BigInt64Array) => x.map((v, k) => v + y[k]), { returns: 'BIGINT', vectorized: true, batchSize: 999, pipeline: false }));
    const t = fl.table({ a, b }, undefined, BIGINTS)
      .derive({ r: (d: any) => op.add(d.a, d.b), v: (d: any) => op.vaddSmall(d.a, d.b), w: (d: any) => op.vaddWaiting(d.a, d.b) });
    const rows = await t.objects();
    expect(rows.length).toBe(n);
    expect(new Set(rows.map((r: any) => r.a)).size).toBe(n);
    expect(rows.filter((r: any) => r.r !== 4 * r.a || r.v !== 4 * r.a || r.w !== 4 * r.a)).toEqual([]);
  });

  it('passes strings, doubles and nulls, and reads params instead of closures', async () => {
    fl.addFunction('tag', udf((s: string | null, x: number) => (s === null ? null : `${prefix}${s.toUpperCase()}:${x.toFixed(1)}`), { returns: 'STRING', params: { prefix: '#' } }));
    const t = fl.from([{ s: 'ab', x: 1.25 }, { s: null, x: 2 }]).derive({ u: (d: any) => op.tag(d.s, d.x) });
    expect(t.schema().find((f) => f.name === 'u')?.type).toBe('STRING');
    const rows = (await t.objects()).sort((p: any, q: any) => p.x - q.x);
    expect(rows.map((r: any) => r.u)).toEqual(['#AB:1.3', null]);
  });

  it('the seed demo: SQL with a registered UDF add1 over 1, 2, 3 gives 2, 3, 4', async () => {
    fl.addFunction('add1', udf((x: number) => x + 1, { returns: 'BIGINT' }));
    fl.register('ones', fl.table({ x: [1, 2, 3] }, undefined, { types: { x: 'BIGINT' } }));
    const q = fl.sql('SELECT x, add1(x) AS y FROM ones');
    expect(q.schema()).toEqual([{ name: 'x', type: 'BIGINT' }, { name: 'y', type: 'BIGINT' }]);
    expect((await q.objects()).sort((p: any, r: any) => p.x - r.x)).toEqual([{ x: 1, y: 2 }, { x: 2, y: 3 }, { x: 3, y: 4 }]);
  });

  it('refuses a UDF that reads a closure variable, saying how to pass it', () => {
    const offset = 10;
    expect(() => udf((x: number) => x + offset, { returns: 'BIGINT' })).toThrow(/reads "offset".*params: \{ offset: \.\.\. \}/s);
  });

  it('refuses a UDF without a supported result type', () => {
    expect(() => udf((x: number) => x, { returns: 'MAP<STRING, INT>' })).toThrow(/returns: 'MAP<STRING, INT>'/);
    expect(() => fl.addFunction('noType', (x: number) => x)).toThrow(/returns/);
  });

  it('fails the job with the JS message, the UDF name, the row and the stack', async () => {
    fl.addFunction('picky', udf((x: number) => {
      if (x === 2) throw new RangeError('two is not allowed');
      return x;
    }, { returns: 'BIGINT' }));
    const t = fl.table({ a: [1, 2, 3] }, undefined, { types: { a: 'BIGINT' } }).derive({ p: (d: any) => op.picky(d.a) });
    const error = await t.objects().then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(/JavaScript UDF 'picky' failed on row \(d\.a=2\): two is not allowed/);
    expect(error?.message).toMatch(/\(JS\) at .*udf:picky/);
  });

  it('names the offending row of a late batch while other batches are in flight', async () => {
    // batches of 1000 rows go through the exchange files, several in flight: the error is the 21st batch's
    fl.addFunction('pickyLate', udf((x: number) => {
      if (x === 20_500) throw new RangeError('too far');
      return x;
    }, { returns: 'BIGINT', batchSize: 1000 }));
    const a = Array.from({ length: 25_000 }, (_, i) => i);
    const t = fl.table({ a }, undefined, { types: { a: 'BIGINT' } }).derive({ p: (d: any) => op.pickyLate(d.a) });
    await expect(t.objects()).rejects.toThrow(/JavaScript UDF 'pickyLate' failed on row \(d\.a=20500\): too far/);
  });

  it('fails the job with a clear message when the worker dies', async () => {
    fl.addFunction('quitter', udf(() => process.exit(7), { returns: 'BIGINT' }));
    const t = fl.table({ a: [1] }, undefined, { types: { a: 'BIGINT' } }).derive({ q: (d: any) => op.quitter(d.a) });
    await expect(t.objects()).rejects.toThrow(/JavaScript UDF 'quitter': its Node worker process died \(exit code 7\)/);
  });

  it('catches a result of the wrong length or type per batch', async () => {
    fl.addFunction('short', udf((x: BigInt64Array) => x.slice(1), { returns: 'BIGINT', vectorized: true }));
    fl.addFunction('wrongType', udf((x: number) => `n${x}`, { returns: 'BIGINT' }));
    const t = fl.table({ a: [1, 2, 3] }, undefined, { types: { a: 'BIGINT' } });
    const short = await t.derive({ s: (d: any) => op.short(d.a) }).objects().then(() => undefined, (e: Error) => e);
    expect(short?.message).toMatch(/'short' failed on a batch of \d rows: returned \d values for a batch of \d rows/);
    expect(short?.message).not.toMatch(/\(JS\) at/); // our own check's frames are noise
    await expect(t.derive({ w: (d: any) => op.wrongType(d.a) }).objects()).rejects.toThrow(/'wrongType' failed on row \(d\.a=\d\): returned a wrong value .*expected an integer, got "n\d"/);
  });
});
