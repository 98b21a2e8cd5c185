import * as ff from './dist/src/index.js';
const { op } = ff;
const s = ff.session({ mode: 'streaming', parallelism: 1 });
const clicks = s.datagen({ columns: { user: { type: 'INT', min: 1, max: 3 }, ts: 'TIMESTAMP(3)' }, rowsPerSecond: 200, watermark: { column: 'ts', delay: '1 s' } });
try { await clicks.objects(); } catch (e) { console.log('refused:', e.message.slice(0, 160)); }
let t0 = Date.now();
console.log('head', (await clicks.head(5).objects()).length, Date.now() - t0, 'ms');
t0 = Date.now();
let n = 0;
for await (const change of clicks.select('user').stream()) { if (++n === 3) { console.log('stream 3 changes', change, Date.now() - t0, 'ms'); break; } }
t0 = Date.now();
const perWindow = clicks.window(ff.tumble('ts', '1 s')).groupby('user').rollup({ n: op.count() });
n = 0;
for await (const change of perWindow.stream()) { console.log(change.kind, JSON.stringify(change.row)); if (++n === 4) break; }
console.log('windows', Date.now() - t0, 'ms');
const counts = clicks.groupby('user').count();
n = 0;
for await (const change of counts.stream()) { console.log(change.kind, JSON.stringify(change.row)); if (++n === 6) break; }
await s.close();
console.log('closed');
