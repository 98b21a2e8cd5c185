import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { jvm } from '../src/runtime/jvm.js';
import { fl } from './support/flink-session.js';

/**
 * A Flink SQL job that flinkframe's Session does not drive: a TableEnvironment made through the plain Java API
 * (over java-bridge, in this process's JVM) that submits to a running cluster by its REST address (the test
 * session's mini-cluster, so no second cluster starts on the main thread), a UDF module, and DDL — as PyFlink
 * shows Python UDFs used from Java Table API and SQL jobs.
 */
const dir = mkdtempSync(join(tmpdir(), 'ff-udf-java-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const library = pathToFileURL(resolve('dist/src/index.js')).href;
const module = join(dir, 'udfs.mjs');
writeFileSync(module, `
import { udf } from ${JSON.stringify(library)};
export const add1 = udf((x) => x + 1, { returns: 'BIGINT' });
export const tag = udf({
  open(ctx) { this.prefix = prefix + ctx.parallelism + ctx.subtask + ':'; },
  eval(n) { return this.prefix + n; },
}, { returns: 'STRING', params: { prefix: 'p' } });
export const half = udf((x, k) => x * k, { returns: 'DOUBLE' }).partial({ k: 0.5 });
export const notAUdf = 42;
`);

type Java = any;

function plainTableEnvironment(): Java {
  // the flinkframe session starts the process's one JVM and a cluster; the job below only shares the cluster
  const rest = new URL((fl.engine as unknown as { flink: { restAddressSync(): string } }).flink.restAddressSync());
  const java = jvm({ logFile: join(dir, 'flink.log') }) as Java;
  const System = java.importClass('java.lang.System');
  System.setPropertySync('flinkframe.udf.module', module);
  System.setPropertySync('flinkframe.node', process.execPath);
  const EnvironmentSettings = java.importClass('org.apache.flink.table.api.EnvironmentSettings');
  const TableEnvironment = java.importClass('org.apache.flink.table.api.TableEnvironment');
  const Configuration = java.importClass('org.apache.flink.configuration.Configuration');
  const conf = new Configuration();
  for (const [k, v] of Object.entries({ 'execution.target': 'remote', 'rest.address': rest.hostname, 'rest.port': rest.port, 'parallelism.default': '1' })) conf.setStringSync(k, v);
  const tables = TableEnvironment.createSync(EnvironmentSettings.newInstanceSync().inBatchModeSync().withConfigurationSync(conf).buildSync());
  tables.executeSqlSync(`CREATE TEMPORARY TABLE numbers (x BIGINT) WITH (
    'connector' = 'datagen', 'number-of-rows' = '5', 'fields.x.kind' = 'sequence', 'fields.x.start' = '1', 'fields.x.end' = '5')`);
  tables.executeSqlSync("CREATE TEMPORARY FUNCTION js AS 'dev.flinkframe.udf.JsModuleFunction'");
  return tables;
}

async function runToCsv(tables: Java, select: string, columns: string): Promise<string[][]> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  tables.executeSqlSync(`CREATE TEMPORARY TABLE ${'sink_' + out.slice(-6)} (${columns}) WITH ('connector' = 'filesystem', 'path' = '${pathToFileURL(out).href}', 'format' = 'csv')`);
  const result = tables.executeSqlSync(`INSERT INTO ${'sink_' + out.slice(-6)} ${select}`);
  await result.await();
  const text = readdirSync(out).filter((f) => !f.startsWith('.')).map((f) => readFileSync(join(out, f), 'utf8')).join('');
  return text.trim().split('\n').map((line) => line.split(','));
}

describe('a flinkframe UDF in a plain Flink SQL job (Java TableEnvironment, DDL)', () => {
  let tables: Java;

  it('CREATE TEMPORARY FUNCTION ... AS dev.flinkframe.udf.JsModuleFunction calls the module\'s UDFs by name', async () => {
    tables = plainTableEnvironment();
    const rows = await runToCsv(tables, "SELECT x, js('add1', x), js('tag', x), js('half', CAST(x AS DOUBLE)) FROM numbers", 'x BIGINT, y BIGINT, t STRING, h DOUBLE');
    const typed = rows.map(([x, y, t, h]) => [Number(x), Number(y), t, Number(h)]).sort((p, q) => (p[0] as number) - (q[0] as number));
    expect(typed).toEqual([1, 2, 3, 4, 5].map((x) => [x, x + 1, `p10:${x}`, x / 2]));
  }, 120_000);

  it('names what is wrong: an unknown export, a name that is not a literal', () => {
    const plan = (sql: string) => {
      try {
        tables.sqlQuerySync(sql); // validation infers the result type
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(plan("SELECT js('nope', x) FROM numbers")).toMatch(/exports no UDF named 'nope'; its UDFs are \[add1, half, tag\]/);
    expect(plan('SELECT js(CAST(x AS STRING), x) FROM numbers')).toMatch(/the first argument must be the UDF's name as a string literal/);
  });
});
