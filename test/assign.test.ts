import * as aq from 'arquero';
import { afterAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import { FlinkFrameError } from '../src/errors.js';
import { fl } from './support/flink-session.js';

/** assign pairs rows by position: only a session that keeps Arquero's row order has positions. */
const ordered = ff.session({ rowOrder: 'arquero', parallelism: 2, engine: 'flink' });
afterAll(() => ordered.close());

type D = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const left = { id: [5, 3, 9, 1, 7], x: ['e', 'c', 'i', 'a', 'g'], y: [0.5, 0.3, 0.9, 0.1, 0.7] };
const right = { y: [10, 20, 30, 40, 50], z: [true, false, true, false, true] };

/** The same pipeline on Arquero and on Flink (rowOrder: 'arquero'), rows compared in order. */
async function expectSame(pipeline: (make: (c: Record<string, unknown[]>) => D) => D): Promise<void> {
  const expected = pipeline((c) => aq.table(c));
  const actual = pipeline((c) => ordered.table(c));
  expect(await actual.columnNames()).toEqual(expected.columnNames());
  expect(await actual.objects()).toEqual(expected.objects());
}

describe('assign pairs rows by position under rowOrder: arquero, as Arquero does', () => {
  it('replaces same-named columns in place and appends the others', async () => {
    await expectSame((make) => make(left).assign(make(right)));
    await expectSame((make) => make(left).assign(make(right), make({ w: [1, 2, 3, 4, 5], id: [0, 0, 0, 0, 0] })));
    await expectSame((make) => make(left).assign({ q: [1, 2, 3, 4, 5] }));
  });

  it('pairs rows in each table order: after orderby and filter', async () => {
    await expectSame((make) => make(left).orderby('id').assign(make(right).orderby(aq.desc('y'))));
    await expectSame((make) => make(left).filter((d: D) => d.id > 2).assign(make({ k: [1, 2, 3, 4, 5] }).filter((d: D) => d.k < 5)));
  });

  it('refuses mismatched row counts, and tables without row positions', () => {
    expect(() => ordered.table(left).assign(ordered.table({ c: [1, 2] }))).toThrow(/row counts do not match \(5 and 2\)/);
    expect(() => fl.table(left).assign(fl.table(right))).toThrow(FlinkFrameError);
    expect(() => fl.table(left).assign(fl.table(right))).toThrow(/rowOrder: 'arquero'/);
  });
});
