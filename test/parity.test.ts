// docs/parity.md is generated from the code (scripts/parity.mjs): this test regenerates it and fails when the
// file in the repository differs, so CI (npm test) fails when the parity table drifts from the code. The
// generator runs in its own process (as `npm run parity` does): its pre-query verbs block an event loop.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const PARITY_FILE = new URL('../docs/parity.md', import.meta.url);
const SCRIPT = new URL('../scripts/parity.mjs', import.meta.url);

/** The first line where two texts differ, to say where the drift is. */
function firstDifference(generated: string, committed: string): string {
  const [g, c] = [generated.split('\n'), committed.split('\n')];
  const i = g.findIndex((line, n) => line !== c[n]);
  const at = i === -1 ? g.length : i;
  return `line ${at + 1}:\n  generated: ${g[at] ?? '(end of file)'}\n  committed: ${c[at] ?? '(end of file)'}`;
}

describe('docs/parity.md', () => {
  it('is what scripts/parity.mjs generates from the code (run `npm run parity` to update it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ff-parity-'));
    try {
      const out = join(dir, 'parity.md');
      await promisify(execFile)(process.execPath, [SCRIPT.pathname, '--out', out], { maxBuffer: 64 * 1024 * 1024 });
      const generated = readFileSync(out, 'utf8');
      const committed = readFileSync(PARITY_FILE, 'utf8');
      expect(generated).toContain('## Verbs');
      if (generated !== committed) {
        expect.fail(`docs/parity.md is out of date: run \`npm run parity\` and commit it (the generator reads dist/, which npm test builds first). First difference at ${firstDifference(generated, committed)}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000); // a JVM, a Flink session and a few small jobs: minutes on a loaded machine
});
