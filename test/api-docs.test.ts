import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const fresh = mkdtempSync(join(tmpdir(), 'ff-api-'));
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return found;
}

describe('the API reference', () => {
  it('docs/api is what `npm run docs:api` makes from the current types', () => {
    execFileSync(join(root, 'node_modules', '.bin', 'typedoc'), ['--out', fresh, '--logLevel', 'Error'], { cwd: root });
    const made = files(fresh);
    const committed = files(join(root, 'docs', 'api'));
    const stale = [...new Set([...made.keys(), ...committed.keys()])].filter((f) => made.get(f) !== committed.get(f));
    expect(stale, 'docs/api is out of date: run `npm run docs:api` and commit the result').toEqual([]);
  }, 120_000);
});
