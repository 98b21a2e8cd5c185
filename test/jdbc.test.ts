import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.js';
import { op } from '../src/index.js';
import { fl } from './support/flink-session.js';
import { startPostgres } from './support/postgres.js';

let pg: ReturnType<typeof startPostgres>;
beforeAll(async () => {
  pg = startPostgres(await freePort());
  pg.sql('CREATE TABLE sales (region text, total double precision, n bigint)');
  pg.sql('CREATE TABLE totals (region text PRIMARY KEY, total double precision)');
}, 120_000);
afterAll(() => pg?.stop());

const sales = () => fl.from([
  { region: 'north', amount: 10 }, { region: 'south', amount: 5 }, { region: 'north', amount: 30 }, { region: 'east', amount: 1 },
]);

describe('JDBC sinks to PostgreSQL', () => {
  it('appends a frame\'s rows to a table', async () => {
    const perRegion = sales().groupby('region').rollup({ total: op.sum('amount'), n: op.count() });
    await perRegion.writeJDBC({ url: pg.url, table: 'sales', username: 'postgres' });
    await perRegion.filter((d: any) => d.region === 'east').writeJDBC({ url: pg.url, table: 'sales', username: 'postgres' });
    expect(pg.sql('SELECT region, total, n FROM sales ORDER BY region, total').split('\n')).toEqual([
      'east|1|1', 'east|1|1', 'north|40|2', 'south|5|1',
    ]);
  });

  it('upserts on keys: a second write updates rows in place, each key once', async () => {
    const target = { url: pg.url, table: 'totals', username: 'postgres', keys: ['region'] };
    await sales().groupby('region').rollup({ total: op.sum('amount') }).writeJDBC(target);
    await fl.from([{ region: 'north', total: 99 }, { region: 'west', total: 7 }]).writeJDBC(target);
    expect(pg.sql('SELECT region, total FROM totals ORDER BY region').split('\n')).toEqual([
      'east|1', 'north|99', 'south|5', 'west|7',
    ]);
  });

  it('refuses a key the frame lacks and a URL that is not JDBC, before any job', async () => {
    await expect(sales().writeJDBC({ url: pg.url, table: 'totals', keys: ['zone'] })).rejects.toThrow(/key column "zone" is not in the frame; its columns are region, amount/);
    await expect(sales().writeJDBC({ url: 'postgres://x', table: 'totals' })).rejects.toThrow(/not a JDBC URL/);
  });

  it('fails with the database\'s reason when the table does not exist', async () => {
    await expect(sales().writeJDBC({ url: pg.url, table: 'nowhere', username: 'postgres' })).rejects.toThrow(/nowhere/);
  });
});
