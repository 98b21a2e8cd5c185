/** Quotes a column or table name for Flink SQL: backticks, with inner backticks doubled. */
export function quoteIdent(name: string): string {
  return '`' + name.replaceAll('`', '``') + '`';
}

/** A JS string as a Flink SQL string literal. */
export function quoteString(value: string): string {
  return "'" + value.replaceAll("'", "''") + "'";
}
