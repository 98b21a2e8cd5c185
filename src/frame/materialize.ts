import * as aq from 'arquero';
import { tableFromIPC, Table as ArrowTable } from 'apache-arrow';
import { collectIpc } from '../runtime/collect.js';
import { arqueroOfIpc } from '../runtime/collect-nested.js';
import { writeFiles, type FileFormat } from '../runtime/write-files.js';
import { writeJdbc as writeJdbcRows, type JdbcTarget } from '../runtime/write-jdbc.js';
import { writeKafka as writeKafkaRows } from '../runtime/write-kafka.js';
import { kafkaOptions, type KafkaOptions } from './sources/kafka.js';
import { emptyIpc } from '../runtime/arrow-encode.js';
import { finalQuery } from './final-query.js';
import { firstRows, limitOfUnbounded } from './stream.js';
import { explain } from './explain.js';
import { isExplainOnly } from './explain-mode.js';
import type { Preview } from './display/preview.js';
import { textTable } from './display/text-table.js';
import { htmlTable } from './display/html-table.js';
import { notebookDisplay, type HtmlDisplay } from './display/notebook.js';
import type { Table } from './table.js';
import { sortKeys } from './row-order.js';

/** In explain mode (`flinkframe explain`), prints what the materializer would run and says so. */
function explainInstead(table: Table, materializer: string): boolean {
  if (!isExplainOnly()) return false;
  console.log(`==== flinkframe explain: ${materializer} ====\n${explain(table)}\n`);
  return true;
}

async function collectChunks(table: Table, options: { limit?: number; offset?: number } = {}): Promise<Uint8Array[]> {
  const { sql, schema } = finalQuery(table, options);
  if (explainInstead(table, 'collect')) return [emptyIpc(schema)];
  const unboundedLimit = limitOfUnbounded(table, options, 'collect');
  if (unboundedLimit !== undefined) {
    const chunks = await firstRows(table, unboundedLimit, options);
    return chunks.length ? chunks : [emptyIpc(schema)];
  }
  const session = table.state.session;
  session.prepare(table.state.node);
  return collectIpc(session.engine, sql, schema, sortKeys(table).length > 0);
}

function toArquero(chunks: Uint8Array[]): aq.ColumnTable {
  return arqueroOfIpc(chunks, aq.fromArrow);
}

/** Runs the plan and returns the result as an Arquero table (backed by the Arrow data Flink wrote). */
export async function collect(table: Table, options: { limit?: number; offset?: number } = {}): Promise<aq.ColumnTable> {
  return toArquero(await collectChunks(table, options));
}

export async function objects(
  table: Table,
  options: { limit?: number; offset?: number; columns?: unknown },
): Promise<Record<string, unknown>[]> {
  const result = await collect(table, { limit: options.limit, offset: options.offset });
  return result.objects(options.columns ? { columns: options.columns as never } : {}) as Record<string, unknown>[];
}

export async function numRows(table: Table): Promise<number> {
  const counted = table.state.session.query(`SELECT COUNT(*) AS n FROM (${finalQuery(table).sql}) AS t`, [table.state.node], "numRows()");
  const [row] = await objects(counted, {});
  return Number(row?.n ?? 0); // no row only in explain mode
}

export async function toArrow(table: Table): Promise<ArrowTable> {
  const tables = (await collectChunks(table)).map((bytes) => tableFromIPC(bytes));
  return tables.length === 1 ? tables[0]! : new ArrowTable(tables.flatMap((t) => t.batches));
}

export async function toCSV(table: Table, options: Record<string, unknown>): Promise<string> {
  return (await collect(table)).toCSV(options);
}

/**
 * The first rows and the row count. Fetches one row more than shown to learn whether there are more; only
 * then does a second job count them all.
 */
async function preview(table: Table, limit: number): Promise<Preview> {
  const fetched = await collect(table, { limit: limit + 1 });
  const more = fetched.numRows() > limit;
  const names = fetched.columnNames();
  const rows = (fetched.objects({ limit }) as Record<string, unknown>[]).map((row) => names.map((n) => row[n]));
  return { schema: table.schema(), rows, totalRows: more ? await numRows(table) : fetched.numRows() };
}

/** The first rows as an aligned text table, with the row count. */
export async function print(table: Table, options: { limit?: number }): Promise<void> {
  if (explainInstead(table, 'print')) return;
  console.log(textTable(await preview(table, options.limit ?? 10)));
}

/** In a tslab notebook (or to the display given), an HTML table; elsewhere the text table of print(). */
export async function display(table: Table, options: { limit?: number; display?: HtmlDisplay }): Promise<void> {
  if (explainInstead(table, 'display')) return;
  const shown = await preview(table, options.limit ?? 10);
  const target = options.display ?? notebookDisplay();
  if (target) target.html(htmlTable(shown));
  else console.log(textTable(shown));
}

export async function write(table: Table, path: string, format: FileFormat, options: Record<string, unknown>): Promise<void> {
  const { sql, schema } = finalQuery(table);
  if (explainInstead(table, `write ${path}`)) return;
  limitOfUnbounded(table, {}, `write ${path}`);
  const session = table.state.session;
  session.prepare(table.state.node);
  await writeFiles(session.engine, sql, schema, path, format, options);
}

/** Writes the result into a database table (append, or upsert on keys) through Flink's JDBC connector. */
export async function writeJdbc(table: Table, target: JdbcTarget): Promise<void> {
  const { sql, schema } = finalQuery(table);
  if (explainInstead(table, `writeJDBC ${target.table}`)) return;
  const session = table.state.session;
  session.prepare(table.state.node);
  await writeJdbcRows(session.engine, sql, schema, target);
}

/** Appends the rows to a Kafka topic, one message per row. */
export async function writeKafka(table: Table, target: Pick<KafkaOptions, 'topic' | 'bootstrapServers' | 'format' | 'properties'>): Promise<void> {
  const { sql, schema } = finalQuery(table);
  if (explainInstead(table, `writeKafka ${target.topic}`)) return;
  limitOfUnbounded(table, {}, `writeKafka ${target.topic}`);
  const session = table.state.session;
  session.prepare(table.state.node);
  await writeKafkaRows(session.engine, sql, schema, kafkaOptions(target));
}
