import type { Schema } from '../../translate/schema.js';

/** What a display shows of a result: its schema, the first rows, and how many rows the whole result has. */
export interface Preview {
  readonly schema: Schema;
  /** The first rows, one array of values per row, in schema order. */
  readonly rows: readonly (readonly unknown[])[];
  readonly totalRows: number;
}

/** Cells longer than this are cut with an ellipsis, so one long string cannot blow up a table. */
const MAX_CELL = 60;

/** Numbers read best right-aligned; the type decides (not the values, so a column of nulls aligns the same). */
export function isNumericType(type: string): boolean {
  return /^(TINYINT|SMALLINT|INT|INTEGER|BIGINT|FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC)\b/i.test(type);
}

/** One cell as text: null as `null`, dates as ISO text, arrays and objects as JSON. */
export function cellText(value: unknown): string {
  const text =
    value === null || value === undefined
      ? 'null'
      : value instanceof Date
        ? value.toISOString()
        : typeof value === 'object'
          ? JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v))
          : String(value);
  return text.length > MAX_CELL ? text.slice(0, MAX_CELL - 1) + '…' : text;
}

/** The closing line: the row count, and how many rows the preview leaves out. */
export function footer(preview: Preview): string {
  const { totalRows, rows } = preview;
  const more = totalRows - rows.length;
  const count = `${totalRows} ${totalRows === 1 ? 'row' : 'rows'}`;
  return more > 0 ? `… ${more} more ${more === 1 ? 'row' : 'rows'} (${count} in all)` : count;
}
