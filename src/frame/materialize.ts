import * as aq from 'arquero';
import { tableFromIPC, Table as ArrowTable } from 'apache-arrow';
import { collectIpc } from '../runtime/collect.js';
import { writeFiles, type FileFormat } from '../runtime/write-files.js';
import { finalQuery } from './final-query.js';
import type { Table } from './table.js';

async function collectChunks(table: Table, options: { limit?: number; offset?: number } = {}): Promise<Uint8Array[]> {
  const { sql, schema } = finalQuery(table, options);
  const session = table.state.session;
  session.prepare(table.state.node);
  return collectIpc(session.engine, sql, schema);
}

function toArquero(chunks: Uint8Array[]): aq.ColumnTable {
  const [first, ...rest] = chunks.map((bytes) => aq.fromArrow(bytes));
  return rest.length ? first!.concat(...rest) : first!;
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
  return Number(row!.n);
}

export async function toArrow(table: Table): Promise<ArrowTable> {
  const tables = (await collectChunks(table)).map((bytes) => tableFromIPC(bytes));
  return tables.length === 1 ? tables[0]! : new ArrowTable(tables.flatMap((t) => t.batches));
}

export async function toCSV(table: Table, options: Record<string, unknown>): Promise<string> {
  return (await collect(table)).toCSV(options);
}

/** Like Arquero's print: the first rows as a text table; fetches one row more to know whether there are more. */
export async function print(table: Table, options: { limit?: number }): Promise<void> {
  const limit = options.limit ?? 10;
  const rows = await collect(table, { limit: limit + 1 });
  const shown = rows.numRows() > limit ? rows.slice(0, limit) : rows;
  console.log(shown.toMarkdown());
  if (rows.numRows() > limit) console.log(`(showing the first ${limit} rows)`);
}

export async function write(table: Table, path: string, format: FileFormat, options: Record<string, unknown>): Promise<void> {
  const { sql, schema } = finalQuery(table);
  const session = table.state.session;
  session.prepare(table.state.node);
  await writeFiles(session.engine, sql, schema, path, format, options);
}
