import { cellText, footer, isNumericType, type Preview } from './preview.js';

/**
 * A preview as an aligned text table for a terminal: column names, their Flink types, a rule, the rows
 * (numbers right-aligned), and a line with the row count and how many rows are not shown.
 */
export function textTable(preview: Preview): string {
  const { schema, rows } = preview;
  const cells = rows.map((row) => schema.map((_, i) => cellText(row[i])));
  const widths = schema.map((f, i) => Math.max(f.name.length, f.type.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (isNumericType(schema[i]!.type) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    line(schema.map((f) => f.name)),
    line(schema.map((f) => f.type)),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map(line),
    footer(preview),
  ].join('\n');
}
