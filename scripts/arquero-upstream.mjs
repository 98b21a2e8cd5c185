#!/usr/bin/env node
/**
 * Runs Arquero's own verb tests (uwdata/arquero v8.0.3, test/verbs/*.js) against flinkframe, through the thin
 * adapter in scripts/arquero-adapter.mjs, and prints pass/fail per test, the total and the percentage.
 *
 *   npm run arquero-tests                              # Arquero from /work/.mirror/uwdata+arquero/repo (git)
 *   npm run arquero-tests -- --arquero ~/src/arquero   # a checkout: git clone -b v8.0.3 https://github.com/uwdata/arquero
 *   npm run arquero-tests -- --write-doc               # also rewrite the generated part of docs/arquero-tests.md
 *   npm run arquero-tests -- --grep join               # only tests whose name contains "join"
 *
 * The tests are read from the Arquero checkout at run time into a temporary folder and never copied into this
 * repository. Their `../../src/index.js` import is pointed at the adapter; everything else they import
 * (test/table-equal.js and Arquero's own utilities) comes from the checkout. describe/it are a tiny runner here.
 * Arquero runs its tests with TZ=America/Los_Angeles, and so does this.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TAG = 'v8.0.3';
const MIRROR = '/work/.mirror/uwdata+arquero/repo';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

if (process.env.TZ !== 'America/Los_Angeles') {
  // the zone must be set before the process reads it: run again with it
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit',
    env: { ...process.env, TZ: 'America/Los_Angeles' },
  });
  process.exit(child.status ?? 1);
}

/** A temporary folder with Arquero's test/ and src/ (the tests import both). */
function checkout() {
  const dir = mkdtempSync(join(tmpdir(), 'arquero-upstream-'));
  const given = option('--arquero');
  if (given) {
    for (const part of ['test', 'src']) cpSync(join(given, part), join(dir, part), { recursive: true });
  } else if (existsSync(MIRROR)) {
    const tar = execFileSync('git', ['-C', MIRROR, 'archive', TAG, 'test', 'src'], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  } else {
    throw new Error(`No Arquero checkout: clone it (git clone -b ${TAG} https://github.com/uwdata/arquero) and pass --arquero <dir>.`);
  }
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  return dir;
}

const dir = checkout();
const adapter = pathToFileURL(join(root, 'scripts', 'arquero-adapter.mjs')).href;
const testDir = join(dir, 'test', 'verbs');
const files = readdirSync(testDir).filter((f) => f.endsWith('-test.js')).sort();
for (const f of files) {
  const path = join(testDir, f);
  writeFileSync(path, readFileSync(path, 'utf8').replaceAll("'../../src/index.js'", `'${adapter}'`));
}

// the tiny runner: describe names a suite, it records a test
const tests = [];
const suites = [];
globalThis.describe = (name, body) => {
  suites.push(name);
  try {
    body();
  } finally {
    suites.pop();
  }
};
globalThis.it = (name, fn) => tests.push({ file: '', name: [...suites, name.trim()].join(' › '), fn });

const grep = option('--grep');
const results = [];
const { closeAdapter } = await import(adapter);
for (const f of files) {
  const before = tests.length;
  try {
    await import(pathToFileURL(join(testDir, f)).href);
  } catch (e) {
    results.push({ file: f, name: '(file does not load)', ok: false, error: firstLine(e) });
    continue;
  }
  for (const test of tests.slice(before)) test.file = f;
}

function firstLine(e) {
  const text = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
  return text.split('\n').find((l) => l.trim()) ?? text;
}

for (const test of tests) {
  if (grep && !`${test.file} ${test.name}`.includes(grep)) continue;
  const started = Date.now();
  try {
    await test.fn();
    results.push({ file: test.file, name: test.name, ok: true });
  } catch (e) {
    results.push({ file: test.file, name: test.name, ok: false, error: firstLine(e) });
  }
  const r = results[results.length - 1];
  console.log(`${r.ok ? 'pass' : 'FAIL'}  ${test.file} › ${test.name}  (${Date.now() - started} ms)${r.ok ? '' : `\n      ${r.error}`}`);
}
await closeAdapter();
rmSync(dir, { recursive: true, force: true });

const passed = results.filter((r) => r.ok).length;
const percent = results.length ? ((100 * passed) / results.length).toFixed(1) : '0';
console.log(`\n${passed} of ${results.length} Arquero ${TAG} verb tests pass on flinkframe (${percent}%).`);

if (args.includes('--write-doc') && !grep) writeDoc(results, passed, percent);

/**
 * Rewrites the generated part of docs/arquero-tests.md (between the markers); the reasons for failures are
 * written by hand in the table below the markers, keyed by test name.
 */
function writeDoc(results, passed, percent) {
  const path = join(root, 'docs', 'arquero-tests.md');
  const [BEGIN, END] = ['<!-- generated by npm run arquero-tests -- --write-doc: begin -->', '<!-- generated: end -->'];
  const text = readFileSync(path, 'utf8');
  const failures = results.filter((r) => !r.ok);
  const generated = [
    BEGIN,
    '',
    `Run on ${new Date().toISOString().slice(0, 10)}: **${passed} of ${results.length} tests pass (${percent}%)**, Arquero ${TAG}, flinkframe with \`rowOrder: 'arquero'\`.`,
    '',
    `Failing tests (${failures.length}), with the first line of the error:`,
    '',
    '| file | test | error |',
    '| --- | --- | --- |',
    ...failures.map((r) => `| ${r.file} | ${r.name} | ${r.error.replaceAll('|', '\\|').slice(0, 200)} |`),
    '',
    END,
  ].join('\n');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`${path} lacks the generated-part markers.`);
  writeFileSync(path, text.slice(0, start) + generated + text.slice(end + END.length));
  console.log(`wrote ${path}`);
}
