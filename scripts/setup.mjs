// The project's install step (npm's `prepare`): resolves Flink's jars from Maven Central and builds the small
// Java module, then compiles the TypeScript. `--java-only` skips the TypeScript.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const javaDir = join(root, 'java');
const jar = join(javaDir, 'target', 'flinkframe-runtime.jar');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function run(command, args, what) {
  try {
    execFileSync(command, args, { cwd: root, stdio: 'inherit' });
  } catch (e) {
    const missing = e.code === 'ENOENT';
    console.error(
      missing
        ? `flinkframe setup: \`${command}\` was not found. ${what} needs it: install it (JDK 17 and Maven 3.8+ for the Java side) and run \`npm run build:java\`.`
        : `flinkframe setup: ${what} failed (see the output above).`,
    );
    process.exit(1);
  }
}

const upToDate =
  existsSync(jar) &&
  existsSync(join(javaDir, 'target', 'lib')) &&
  statSync(jar).mtimeMs >= Math.max(newestSource(join(javaDir, 'src')), statSync(join(javaDir, 'pom.xml')).mtimeMs);
if (upToDate) {
  console.log('flinkframe setup: Java module and Flink jars are up to date.');
} else {
  console.log('flinkframe setup: resolving Flink 2.3.0 from Maven Central and building the Java module...');
  run('mvn', ['-B', '-q', '-f', join(javaDir, 'pom.xml'), 'clean', 'package', '-DskipTests'], 'Building the Java module');
}

if (!process.argv.includes('--java-only')) {
  console.log('flinkframe setup: compiling TypeScript...');
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], 'Compiling TypeScript');
  run(process.execPath, [join(root, 'scripts', 'bundle-worker.mjs')], 'Bundling the UDF worker');
}

// A class-data-sharing archive of what a session loads (see scripts/train-cds.mjs), rebuilt when the jars change.
// Optional: without it a cold start is ~1 s slower, so a JVM or platform that cannot record one only gets a note.
const archive = join(javaDir, 'target', 'flinkframe.jsa');
const lib = join(javaDir, 'target', 'lib');
const newestJar = () => Math.max(statSync(jar).mtimeMs, ...readdirSync(lib).map((f) => statSync(join(lib, f)).mtimeMs));
if (existsSync(join(root, 'dist', 'src', 'index.js')) && process.env.FLINKFRAME_CDS !== 'off' &&
    !(existsSync(archive) && statSync(archive).mtimeMs >= newestJar())) {
  console.log('flinkframe setup: recording the class-data-sharing archive for fast cold starts...');
  const tmp = mkdtempSync(join(tmpdir(), 'flinkframe-setup-'));
  const recording = join(tmp, 'flinkframe.jsa');
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'train-cds.mjs')], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, TMPDIR: tmp, FLINKFRAME_CDS: 'off', JAVA_TOOL_OPTIONS: `-XX:ArchiveClassesAtExit=${recording}` },
      timeout: 180_000,
    });
    if (!existsSync(recording)) throw new Error('the JVM wrote no archive');
    rmSync(archive, { force: true });
    copyFileSync(recording, archive); // not rename: the temp folder may be on another file system
  } catch (e) {
    console.log(`flinkframe setup: no class-data-sharing archive (${String(e.message ?? e).split('\n')[0]}); sessions start without it.`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
