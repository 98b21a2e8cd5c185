// Records the classes a typical session loads into a class-data-sharing archive (java/target/flinkframe.jsa),
// which later JVMs map instead of loading and verifying those classes again (cold start, docs/benchmarks.md).
// Run by setup.mjs in a child process: JAVA_TOOL_OPTIONS=-XX:ArchiveClassesAtExit=<file> is set there, and the
// JVM writes the archive when it exits, so this script ends the process through Java's System.exit.
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ff = await import('../dist/src/index.js');
const session = ff.session();
const trips = session.table({
  zone: ['a', 'b', 'a', 'c', 'b', 'a'],
  fare: [1.5, 2, 3.25, 4, 5, 6],
  n: new Int32Array([1, 2, 3, 4, 5, 6]),
  day: [new Date(0), null, new Date(86400000), new Date(0), null, new Date(0)],
});
await trips.filter((d) => d.fare > 1).groupby('zone').count().objects();
await trips.derive({ tip: (d) => d.fare * 0.1 }).groupby('zone').rollup({ s: ff.op.sum('tip'), m: ff.op.mean('n') }).orderby('zone').collect();
await trips.join(session.table({ zone: ['a', 'b'], name: ['A', 'B'] }), 'zone').orderby('n').toArrow();
const dir = mkdtempSync(join(tmpdir(), 'flinkframe-cds-'));
writeFileSync(join(dir, 't.csv'), 'k,v\nx,1\ny,2\n');
await session.loadCSV(join(dir, 't.csv')).filter((d) => d.v > 0).objects();
await session.close();

const { importClass } = createRequire(import.meta.url)('java-bridge');
importClass('java.lang.System').exitSync(0);
