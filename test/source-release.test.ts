import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import type { SourceNode } from '../src/translate/plan.js';

/**
 * An in-memory table is released (src/frame/sources/memory.ts, Engine.releaseSource) once no frame or registered
 * view can read it: its columns are collected, its Flink table dropped. Without that, every table a long notebook
 * session ever read stayed in memory.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const session = ff.session({ engine: 'flink' });
afterAll(() => session.close());

const ROWS = 200_000;

const tick = () => new Promise((resolve) => setTimeout(resolve, 25));

/**
 * Until `gone()`, or so many rounds: a collection, then a turn of the event loop for finalizers and releases. Never a
 * collection in the turn that asked: WeakRef.deref() keeps its target alive until the turn ends.
 */
async function collectUntil(gone: () => boolean, rounds = 40): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await tick();
    gc();
    await tick();
    if (gone()) return;
  }
}

/** A table read by one job, of which only a weak reference to a column and its Flink name are kept. */
async function readOnce(): Promise<{ column: WeakRef<string[]>; name: string }> {
  const s = Array.from({ length: ROWS }, (_, i) => `s${i}`);
  const t = session.table({ id: Int32Array.from({ length: ROWS }, (_, i) => i), s });
  expect(await t.filter((d: any) => d.id % 2 === 0).numRows()).toBe(ROWS / 2);
  return { column: new WeakRef(s), name: (t.state.node as SourceNode).table };
}

describe('in-memory tables no frame can read', () => {
  it('are released: their columns collected, their Flink tables dropped', async () => {
    const { column, name } = await readOnce();
    await collectUntil(() => column.deref() === undefined);
    expect(column.deref()).toBeUndefined();
    await expect(session.sql(`SELECT COUNT(*) AS n FROM \`${name}\``).objects()).rejects.toThrow(/not found/);
  });

  it('stay while a registered view reads them, and go once the name is registered again', async () => {
    const kept = await (async () => {
      const s = Array.from({ length: ROWS }, (_, i) => `v${i}`);
      session.register('kept_rows', session.table({ s }));
      return new WeakRef(s);
    })();
    await collectUntil(() => kept.deref() === undefined, 10);
    expect(kept.deref()).toBeDefined();
    expect(await session.sql('SELECT COUNT(*) AS n FROM kept_rows').objects()).toEqual([{ n: ROWS }]);
    session.register('kept_rows', session.table({ s: ['x'] }));
    await collectUntil(() => kept.deref() === undefined);
    expect(kept.deref()).toBeUndefined();
    expect(await session.sql('SELECT COUNT(*) AS n FROM kept_rows').objects()).toEqual([{ n: 1 }]);
  });

  it('a table collected while a job reads it is released after the job, which reads all of it', async () => {
    // the job names the table's Flink table itself, so no frame of its own keeps the table's plan alive
    const name = (() => {
      const t = session.table({ id: Int32Array.from({ length: 4 * ROWS }, (_, i) => i) });
      session.prepare(t.state.node);
      return (t.state.node as SourceNode).table;
    })();
    const running = session.sql(`SELECT COUNT(*) AS n FROM \`${name}\` WHERE MOD(id, 3) = 0`).objects();
    await collectUntil(() => false, 10); // collections while the job runs: the table's finalizer runs meanwhile
    expect(await running).toEqual([{ n: Math.ceil((4 * ROWS) / 3) }]);
    await tick();
    await expect(session.sql(`SELECT COUNT(*) AS n FROM \`${name}\``).objects()).rejects.toThrow(/not found/);
  });
});
