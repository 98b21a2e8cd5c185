// The project's install step (npm's `prepare`): resolves Flink's jars from Maven Central and builds the small
// Java module, then compiles the TypeScript. `--java-only` skips the TypeScript.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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
