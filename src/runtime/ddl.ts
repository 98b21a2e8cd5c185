import type { Schema } from '../translate/schema.js';
import { quoteIdent, quoteString } from '../translate/sql-text.js';

/** CREATE TEMPORARY TABLE for a connector table with the given columns and WITH options. */
export function createTableDdl(name: string, schema: Schema, options: Record<string, string>): string {
  const columns = schema.map((f) => `  ${quoteIdent(f.name)} ${f.type}`).join(',\n');
  const withs = Object.entries(options)
    .map(([k, v]) => `  ${quoteString(k)} = ${quoteString(v)}`)
    .join(',\n');
  return `CREATE TEMPORARY TABLE ${quoteIdent(name)} (\n${columns}\n) WITH (\n${withs}\n)`;
}

export function dropTableDdl(name: string): string {
  return `DROP TEMPORARY TABLE IF EXISTS ${quoteIdent(name)}`;
}
