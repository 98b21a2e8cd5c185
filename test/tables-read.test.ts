import { afterAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import type { SourceNode } from '../src/translate/plan.js';

/** Which tables a pre-query encodes ahead (src/frame/tables-read.ts): a superset of what its job reads. */
const session = ff.session({ engine: 'flink' });
afterAll(() => session.close());

const tableOf = (t: ff.Table) => (t.state.node as SourceNode).table;
const read = (t: ff.Table) => [...session.tablesRead(t.state.node)].sort();

describe('tablesRead', () => {
  const a = session.table({ id: [1, 2], x: [1, 2] });
  const b = session.table({ id: [1, 3], y: ['p', 'q'] });
  const c = session.table({ id: [7], y: ['r'] });

  it('finds the sources of a plan of verbs, on both sides of a join', () => {
    expect(read(a.filter((d: any) => d.x > 1).join(b, 'id').select('x', 'y'))).toEqual([tableOf(a), tableOf(b)].sort());
  });

  it('follows the registered names a sql() query mentions, through views over views, in any case', () => {
    session.register('people', a);
    session.register('people_view', session.sql('SELECT id FROM people'));
    expect(read(session.sql('SELECT * FROM people_view'))).toEqual([tableOf(a)]);
    expect(read(session.sql('SELECT * FROM `PEOPLE`'))).toEqual([tableOf(a)]);
    expect(read(session.sql('SELECT * FROM people_viewer'))).toEqual([]); // another name
  });

  it('a name registered again reads its new plan only, as Flink resolves the names of views over it when a query runs', async () => {
    session.register('things', b);
    session.register('things_view', session.sql('SELECT * FROM things'));
    session.register('things', c);
    expect(read(session.sql('SELECT * FROM things_view'))).toEqual([tableOf(c)]);
    expect(await session.sql('SELECT * FROM things_view').objects()).toEqual([{ id: 7, y: 'r' }]);
  });
});
