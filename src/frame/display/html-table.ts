import { cellText, footer, isNumericType, type Preview } from './preview.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** A preview as an HTML table for a notebook: a header of names with their types, the rows, the row count. */
export function htmlTable(preview: Preview): string {
  const { schema, rows } = preview;
  const align = (i: number) => (isNumericType(schema[i]!.type) ? ' style="text-align:right"' : '');
  const head = schema
    .map((f, i) => `<th${align(i)}>${escapeHtml(f.name)}<br><small>${escapeHtml(f.type)}</small></th>`)
    .join('');
  const body = rows
    .map((row) => `<tr>${schema.map((_, i) => `<td${align(i)}>${escapeHtml(cellText(row[i]))}</td>`).join('')}</tr>`)
    .join('\n');
  return (
    `<table class="flinkframe">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n` +
    `<p><small>${escapeHtml(footer(preview))}</small></p>`
  );
}
