import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as ff from '../src/index.js';
import { fl } from './support/flink-session.js';

const dir = mkdtempSync(join(tmpdir(), 'ff-plot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const words = () => fl.from([{ w: 'flink' }, { w: 'pyflink' }, { w: 'flink' }]).groupby('w').count();

describe('plots', () => {
  it('draws a bar chart of a frame as SVG with one bar per row of the result', async () => {
    const plot = await words().plot(ff.bar('w', 'count', { title: 'words' }));
    expect(plot.svg.startsWith('<svg')).toBe(true);
    // Vega writes each bar as a path with its datum in the aria label
    expect(plot.svg.match(/aria-roledescription="bar"/g)).toHaveLength(2);
    expect(plot.svg).toContain('w: flink; count: 2');
    expect(plot.svg).toContain('w: pyflink; count: 1');
    expect((plot.spec.data as { values: unknown[] }).values).toHaveLength(2);
  });

  it('takes any Vega-Lite spec, and line and scatter helpers with field types', async () => {
    const t = fl.table({ x: [1, 2, 3], y: [2, 4, 1], g: ['a', 'a', 'b'] });
    const spec = { mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } };
    expect((await t.plot(spec)).svg.match(/aria-roledescription="point"/g)).toHaveLength(3);
    const lines = await t.plot(ff.line('x:O', 'y', { color: 'g' }));
    expect(lines.spec.encoding).toMatchObject({ x: { field: 'x', type: 'ordinal' }, color: { field: 'g' } });
    expect(lines.svg).toContain('<svg');
    expect((await t.plot(ff.scatter('x', 'y'))).svg).toContain('x: 3; y: 1');
  });

  it('writes SVG, the spec with its data, or an HTML page', async () => {
    const plot = await words().plot(ff.bar('w', 'count'));
    plot.write(join(dir, 'c.svg'));
    plot.write(join(dir, 'nested', 'c.json'));
    plot.write(join(dir, 'c.html'));
    expect(readFileSync(join(dir, 'c.svg'), 'utf8')).toBe(plot.svg);
    expect(JSON.parse(readFileSync(join(dir, 'nested', 'c.json'), 'utf8')).data.values).toHaveLength(2);
    expect(readFileSync(join(dir, 'c.html'), 'utf8')).toContain(plot.svg);
    expect(() => plot.write(join(dir, 'c.png'))).toThrow(/unknown file type ".png"; use .svg, .json or .html/);
    expect(existsSync(join(dir, 'c.png'))).toBe(false);
  });

  it('refuses a spec naming a missing column before any job, and frames too big to draw', async () => {
    await expect(words().plot(ff.bar('word', 'count'))).rejects.toThrow(/x encoding names column "word", which the frame does not have; its columns are w, count/);
    const many = fl.table({ x: Array.from({ length: 50 }, (_, i) => i) });
    await expect(many.plot(ff.scatter('x', 'x'), { maxRows: 10 })).rejects.toThrow(/more than 10 rows.*Aggregate it first/);
  });
});
