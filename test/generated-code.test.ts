import { describe, expect, it } from 'vitest';
import { expectSameAsArquero } from './support/differential.js';
import { fl } from './support/flink-session.js';

/**
 * Jobs of the embedded session reuse the operator classes an earlier job compiled from the same generated code
 * (java/.../ReusedGeneratedCode.java): jar-less jobs share the system class loader, and the code splitter numbers
 * the methods it splits out from 0 for every statement, so the same query makes the same code.
 */
const rows = 300;
const data = {
  a: Array.from({ length: rows }, (_, i) => i),
  b: Array.from({ length: rows }, (_, i) => (i % 7) - 3),
  s: Array.from({ length: rows }, (_, i) => `s${i % 13}`),
};

// Expressions enough that Flink's generated code is longer than table.generated-code.max-length, so it is split
// into methods named by the counter; `k` makes different code from the same shape.
const wide = (k: number) => (t: any) =>
  t.derive(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`c${i}`, `d => d.a * ${i + k} + (d.b > ${i % 5} ? d.b : -d.b) + length(d.s)`])))
    .filter(`d => d.c0 + d.c59 > ${k}`);

describe('generated code reused across jobs', () => {
  it('the embedded session runs jar-less jobs in the shared class loader', () => {
    expect(fl.engine.reusesGeneratedCode()).toBe(true);
  });

  it('wide expressions give the same rows as Arquero when the same code runs again, between other code', async () => {
    for (const k of [1, 2, 1, 1]) await expectSameAsArquero(data, wide(k));
  });
});
