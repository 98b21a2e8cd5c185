import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FlinkFrameError } from '../errors.js';
import { keepFreedMemory } from './native-memory.js';
import { packageRoot } from './package-root.js';
import { WorkDir } from './workdir.js';

/** Flink's own JVM options for Java 17 (its config.yaml env.java.opts.all), plus what Arrow's memory needs. */
const JAVA_17_OPENS = [
  'java.base/java.lang', 'java.base/java.net', 'java.base/java.io', 'java.base/java.nio', 'java.base/sun.nio.ch',
  'java.base/java.lang.reflect', 'java.base/java.text', 'java.base/java.time', 'java.base/java.util',
  'java.base/java.util.concurrent', 'java.base/java.util.concurrent.atomic', 'java.base/java.util.concurrent.locks',
].map((p) => `--add-opens=${p}=ALL-UNNAMED`);
const JAVA_17_EXPORTS = [
  'java.base/sun.net.util', 'java.rmi/sun.rmi.registry', 'java.security.jgss/sun.security.krb5',
  'jdk.compiler/com.sun.tools.javac.api', 'jdk.compiler/com.sun.tools.javac.file',
  'jdk.compiler/com.sun.tools.javac.parser', 'jdk.compiler/com.sun.tools.javac.tree',
  'jdk.compiler/com.sun.tools.javac.util',
].map((p) => `--add-exports=${p}=ALL-UNNAMED`);

export interface JvmOptions {
  logFile: string;
  heap?: string;
}

type JavaBridge = typeof import('java-bridge');
let bridge: JavaBridge | undefined;

/** Every Flink jar must be on the start classpath: jars appended later are invisible to Flink's ServiceLoader. */
export function classpath(): string[] {
  const lib = join(packageRoot, 'java', 'target', 'lib');
  const own = join(packageRoot, 'java', 'target', 'flinkframe-runtime.jar');
  if (!existsSync(lib) || !existsSync(own)) {
    throw new FlinkFrameError(
      `flinkframe: the Flink jars are not installed (looked for ${lib} and ${own}). ` +
        'Run `npm run build:java` (or `npm ci`, which runs it) in the flinkframe package folder; it needs Maven and JDK 17.',
    );
  }
  return [own, ...readdirSync(lib).filter((f) => f.endsWith('.jar')).map((f) => join(lib, f))];
}

/**
 * The class-data-sharing archive setup.mjs records (scripts/train-cds.mjs): the JVM maps the classes a session
 * loads instead of reading and verifying them from the jars, ~1 s of a cold start. A JVM that cannot use it
 * (another JDK, changed jars) ignores it; its warnings are silenced. FLINKFRAME_CDS=off leaves it out.
 */
function sharedArchiveOptions(): string[] {
  const archive = join(packageRoot, 'java', 'target', 'flinkframe.jsa');
  if (process.env.FLINKFRAME_CDS === 'off' || !existsSync(archive)) return [];
  return [`-XX:SharedArchiveFile=${archive}`, '-Xshare:auto', '-Xlog:cds=off', '-Xlog:cds+dynamic=off'];
}

/**
 * Flink's operators allocate for every row (a string field is several objects): with the parallel collector's
 * cheaper allocation and write barriers, repeated jobs ran as fast as with G1 or up to ~20% faster on 2 cores, and
 * cold starts ~0.3 s sooner (bench/jvm-collector.ts, docs/benchmarks.md). A collector named in FLINKFRAME_JVM_OPTS
 * is kept (the JVM refuses two).
 */
function collectorOptions(extra: string[]): string[] {
  return extra.some((o) => /^-XX:[+-]Use\w+GC$/.test(o)) ? [] : ['-XX:+UseParallelGC'];
}

/** Starts the one JVM this process can have, or returns the running one. */
export function jvm(options: JvmOptions): JavaBridge {
  if (bridge) return bridge;
  keepFreedMemory(); // malloc's thresholds are set before the JVM's threads allocate
  // The async pool runs jobs and blocking Java calls; more threads than cores lets jobs wait without starving schema calls.
  process.env.JAVA_BRIDGE_THREAD_POOL_SIZE ??= '16';
  // Flink unpacks its planner and keeps per-cluster files under java.io.tmpdir: give the JVM its own, removed at exit.
  const tmp = new WorkDir();
  // extra options for the embedded JVM, e.g. a profiler: FLINKFRAME_JVM_OPTS='-XX:StartFlightRecording=...'
  const extra = process.env.FLINKFRAME_JVM_OPTS?.split(/\s+/).filter(Boolean) ?? [];
  const loaded = createRequire(import.meta.url)('java-bridge') as JavaBridge;
  loaded.ensureJvm({
    classpath: classpath(),
    opts: [
      '-Xrs',
      `-Djava.io.tmpdir=${tmp.root}`, // Node, not the JVM, owns SIGINT/SIGTERM (a notebook interrupt must not kill the kernel)
      ...(options.heap ? [`-Xmx${options.heap}`] : []),
      `-Dlog4j2.configurationFile=classpath:flinkframe-log4j2.properties`,
      `-Dflinkframe.log.file=${options.logFile}`,
      `-Dflinkframe.log.level=${process.env.FLINKFRAME_LOG_LEVEL ?? 'WARN'}`,
      // Arrow checks bounds on every buffer access unless told not to; the formats stay inside their vectors.
      '-Darrow.enable_unsafe_memory_access=true',
      ...sharedArchiveOptions(),
      ...JAVA_17_OPENS,
      ...JAVA_17_EXPORTS,
      ...collectorOptions(extra),
      ...extra,
    ],
  });
  bridge = loaded;
  return loaded;
}
