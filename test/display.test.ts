import { describe, expect, it } from 'vitest';
import { textTable } from '../src/frame/display/text-table.js';
import { htmlTable } from '../src/frame/display/html-table.js';
import { fl } from './support/flink-session.js';

/** Runs fn and returns what it wrote with console.log. */
async function printed(fn: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  try {
    await fn();
  } finally {
    console.log = log;
  }
  return lines.join('\n');
}

describe('the text table', () => {
  it('aligns columns, right-aligns numbers, shows types and the rows left out', () => {
    const text = textTable({
      schema: [
        { name: 'word', type: 'STRING' },
        { name: 'n', type: 'BIGINT NOT NULL' },
      ],
      rows: [
        ['flink', 2],
        ['a', 1234],
        [null, 7],
      ],
      totalRows: 10,
    });
    expect(text.split('\n')).toEqual([
      'word                  n',
      'STRING  BIGINT NOT NULL',
      '------  ---------------',
      'flink                 2',
      'a                  1234',
      'null                  7',
      '… 7 more rows (10 rows in all)',
    ]);
  });
  it('cuts long cells and writes arrays and dates readably', () => {
    const text = textTable({
      schema: [
        { name: 's', type: 'STRING' },
        { name: 'a', type: 'ARRAY<STRING>' },
        { name: 't', type: 'TIMESTAMP(3)' },
      ],
      rows: [['x'.repeat(100), ['p', 'q'], new Date(Date.UTC(2024, 0, 2))]],
      totalRows: 1,
    });
    const row = text.split('\n')[3]!;
    expect(row).toContain('x'.repeat(59) + '…');
    expect(row).not.toContain('x'.repeat(60));
    expect(row).toContain('["p","q"]');
    expect(row).toContain('2024-01-02T00:00:00.000Z');
    expect(text.endsWith('\n1 row')).toBe(true);
  });
  it('escapes HTML in names and values', () => {
    const html = htmlTable({ schema: [{ name: '<b>', type: 'STRING' }], rows: [['a & <i>']], totalRows: 1 });
    expect(html).toContain('&lt;b&gt;');
    expect(html).toContain('<td>a &amp; &lt;i&gt;</td>');
    expect(html).not.toContain('<i>');
  });
});

describe('print and display on Flink', () => {
  const numbers = () => fl.table({ k: ['a', 'b', 'c', 'd', 'e'], v: [5, 4, 3, 2, 1] }).orderby('v');

  it('print shows the first rows of a result and counts the rest', async () => {
    const text = await printed(() => numbers().print({ limit: 2 }));
    expect(text.split('\n')).toEqual([
      'k            v',
      'STRING  DOUBLE',
      '------  ------',
      'e            1',
      'd            2',
      '… 3 more rows (5 rows in all)',
    ]);
  });
  it('display gives the notebook an HTML table with types, rows and the row count', async () => {
    const shown: string[] = [];
    await numbers().display({ limit: 3, display: { html: (markup) => shown.push(markup) } });
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain('<th>k<br><small>STRING</small></th>');
    expect(shown[0]!.match(/<tr><td>/g)).toHaveLength(3);
    expect(shown[0]).toContain('<td>e</td>');
    expect(shown[0]).toContain('… 2 more rows (5 rows in all)');
  });
  it('display outside a notebook prints the text table', async () => {
    const text = await printed(() => numbers().display(10));
    expect(text).toMatch(/^a\s+5$/m);
    expect(text.endsWith('5 rows')).toBe(true);
  });
  it('printing a frame itself shows a summary and runs no job', async () => {
    const text = await printed(async () => console.log(numbers()));
    expect(text).toMatch(/^flinkframe Table \[k: STRING, v: \w+\] \(lazy\)$/);
  });
});
