// A user's pipeline run with FLINKFRAME_ENGINE=local in a fresh Node process (test/local-engine.test.ts): prints
// its rows and whether java-bridge (the only way flinkframe reaches a JVM) was ever loaded.
import { createRequire } from 'node:module';

process.env.FLINKFRAME_ENGINE = 'local';
const require = createRequire(import.meta.url);
if (process.argv.includes('--load-java-bridge')) require('java-bridge'); // the control: loads it, starts no JVM
const ff = await import('../../dist/src/index.js');
const t = ff.from([{ g: 'a' }, { g: 'b' }, { g: 'a' }]).groupby('g').count({ as: 'n' }).orderby('g');
const rows = await t.objects();
await t.print();
await ff.close();
const javaBridgeLoaded = Object.keys(require.cache).some((k) => k.includes(`${'/'}java-bridge${'/'}`) || k.includes('java-bridge-'));
process.stdout.write('\n' + JSON.stringify({ rows, javaBridgeLoaded }));
