import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('the word count demo', () => {
  it('counts "flink" twice and "pyflink" once, prints and writes them', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'flinkframe-wc-')), 'counts.csv');
    const printed = execFileSync(process.execPath, ['dist/examples/wordcount.js', 'data/words.txt', out], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(printed).toMatch(/^flink\s+2$/m);
    expect(printed).toMatch(/^pyflink\s+1$/m);
    expect(readFileSync(out, 'utf8')).toBe('word,count\nflink,2\npyflink,1\n');
  });
});
