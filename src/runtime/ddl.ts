import type { Schema } from '../translate/schema.js';
import { quoteIdent, quoteString } from '../translate/sql-text.js';

/** A column type as a table stores it: an event-time column's type reads `TIMESTAMP(3) *ROWTIME*`. */
export const storedType = (type: string) => type.replace(/\s*\*(ROWTIME|PROCTIME)\*/, '');

/**
 * CREATE TEMPORARY TABLE for a connector table with the given columns and WITH options; `constraint` is a
 * WATERMARK or PRIMARY KEY line.
 */
export function createTableDdl(name: string, schema: Schema, options: Record<string, string>, constraint?: string): string {
  const columns = [...schema.map((f) => `  ${quoteIdent(f.name)} ${storedType(f.type)}`), ...(constraint ? [`  ${constraint}`] : [])].join(',\n');
  const withs = Object.entries(options)
    .map(([k, v]) => `  ${quoteString(k)} = ${quoteString(v)}`)
    .join(',\n');
  return `CREATE TEMPORARY TABLE ${quoteIdent(name)} (\n${columns}\n) WITH (\n${withs}\n)`;
}

export function dropTableDdl(name: string): string {
  return `DROP TEMPORARY TABLE IF EXISTS ${quoteIdent(name)}`;
}
