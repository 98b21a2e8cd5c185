// `npm run cluster:start` / `cluster:stop` / `cluster:status`: a standalone Flink session cluster on loopback
// (one JobManager and N TaskManagers, each its own JVM) from the jars Maven resolved into java/target/lib; no
// Flink distribution, no Docker. State lives in .flinkframe/cluster/ (config, logs, pid files).
//
//   node scripts/cluster.mjs start [--port 8081] [--taskmanagers 1] [--slots 2]
//   node scripts/cluster.mjs stop
//   node scripts/cluster.mjs status
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const home = process.env.FLINKFRAME_CLUSTER_HOME ?? join(root, '.flinkframe', 'cluster');
const lib = join(root, 'java', 'target', 'lib');
const stateFile = join(home, 'cluster.json');

// A vanilla cluster: Flink's jars only. flinkframe's own jar (and Arrow) travel with each job (pipeline.jars),
// as they would to a cluster somebody else runs.
const SHIPPED_WITH_JOBS = /^(flinkframe-runtime|arrow-|flatbuffers-|flink-connector-jdbc-|postgresql-|flink-connector-kafka-|kafka-clients-)/;

// Flink's own JVM options for Java 17 (its config.yaml env.java.opts.all)
const JAVA_OPTS = [
  ...['java.lang', 'java.net', 'java.io', 'java.nio', 'sun.nio.ch', 'java.lang.reflect', 'java.text', 'java.time',
    'java.util', 'java.util.concurrent', 'java.util.concurrent.atomic', 'java.util.concurrent.locks']
    .map((p) => `--add-opens=java.base/${p}=ALL-UNNAMED`),
  '-Darrow.enable_unsafe_memory_access=true',
];

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

function readState() {
  return existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : undefined;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function overview(url) {
  try {
    const response = await fetch(`${url}/overview`, { signal: AbortSignal.timeout(1000) });
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined;
  }
}

function config({ port, slots, taskmanagers }) {
  const lines = {
    'jobmanager.rpc.address': '127.0.0.1',
    'jobmanager.bind-host': '127.0.0.1',
    'rest.address': '127.0.0.1',
    'rest.bind-address': '127.0.0.1',
    'rest.port': port,
    'taskmanager.bind-host': '127.0.0.1',
    'taskmanager.host': '127.0.0.1',
    'taskmanager.numberOfTaskSlots': slots,
    'parallelism.default': Math.min(2, slots * taskmanagers),
    'jobmanager.memory.process.size': '1024m',
    'taskmanager.memory.process.size': '1536m',
    'taskmanager.memory.managed.size': '256m',
    'io.tmp.dirs': join(home, 'tmp'),
    'blob.storage.directory': join(home, 'blobs'),
    'web.tmpdir': join(home, 'web'),
    // Kill a job's TaskManager in a test and see it come back: restart instead of failing.
    'restart-strategy.type': 'fixed-delay',
    'restart-strategy.fixed-delay.attempts': 10,
    'restart-strategy.fixed-delay.delay': '1 s',
    // a killed TaskManager is noticed within seconds, before the restarts run out
    'heartbeat.interval': 1000,
    'heartbeat.timeout': 5000,
  };
  return Object.entries(lines).map(([k, v]) => `${k}: ${JSON.stringify(String(v))}`).join('\n') + '\n';
}

const classpath = () =>
  readdirSync(lib).filter((f) => f.endsWith('.jar') && !SHIPPED_WITH_JOBS.test(f)).map((f) => join(lib, f)).join(':');

/**
 * The JVM options and dynamic settings Flink's own start scripts compute from config.yaml (memory sizes, CPU
 * cores), from the same utility they call.
 */
function resourceParams(which) {
  const out = execFileSync('java', ['-cp', classpath(), 'org.apache.flink.runtime.util.bash.BashJavaUtils', which, '--configDir', join(home, 'conf')], { encoding: 'utf8' });
  const [jvm, dynamic] = out.split('\n').filter((l) => l.startsWith('BASH_JAVA_UTILS_EXEC_RESULT:')).map((l) => l.slice(28).trim());
  return { jvm: jvm.split(/\s+/), dynamic: dynamic.split(/\s+/).filter((x) => x !== '-D').map((x) => `-D${x}`) };
}

function launch(name, mainClass, which, extra = []) {
  const log = join(home, 'log', `${name}.log`);
  const { jvm, dynamic } = resourceParams(which);
  dynamic.push(...extra);
  const child = spawn('java', [
    ...jvm, ...JAVA_OPTS,
    `-Dlog.file=${log}`, `-Dlog4j2.configurationFile=${join(home, 'conf', 'log4j2.properties')}`,
    '-cp', classpath(), mainClass, '--configDir', join(home, 'conf'), ...dynamic,
  ], { detached: true, stdio: ['ignore', openSync(`${log}.out`, 'a'), openSync(`${log}.out`, 'a')] });
  child.unref();
  return { name, pid: child.pid, log };
}

async function start() {
  const running = readState();
  if (running && running.processes.some((p) => alive(p.pid))) {
    console.log(`flinkframe cluster: already running at ${running.url} (npm run cluster:stop stops it)`);
    return;
  }
  if (!existsSync(lib)) throw new Error(`no Flink jars in ${lib}: run npm ci (or npm run build:java) first`);
  const port = Number(option('port', 8081));
  const taskmanagers = Number(option('taskmanagers', 1));
  const slots = Number(option('slots', 2));
  const url = `http://127.0.0.1:${port}`;
  if (await overview(url)) throw new Error(`something already answers at ${url}: stop it or pick --port`);
  rmSync(home, { recursive: true, force: true });
  for (const dir of ['conf', 'log', 'tmp']) mkdirSync(join(home, dir), { recursive: true });
  writeFileSync(join(home, 'conf', 'config.yaml'), config({ port, slots, taskmanagers }));
  writeFileSync(join(home, 'conf', 'log4j2.properties'), [
    'rootLogger.level = INFO', 'rootLogger.appenderRef.file.ref = file',
    'appender.file.type = File', 'appender.file.name = file', 'appender.file.fileName = ${sys:log.file}',
    'appender.file.layout.type = PatternLayout', 'appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n', '',
  ].join('\n'));
  const processes = [launch('jobmanager', 'org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint', 'GET_JM_RESOURCE_PARAMS')];
  for (let i = 0; i < taskmanagers; i++) {
    // the resource id names the process in the REST API (/taskmanagers), so a test can find the one to kill
    processes.push(launch(`taskmanager-${i}`, 'org.apache.flink.runtime.taskexecutor.TaskManagerRunner', 'GET_TM_RESOURCE_PARAMS', [`-Dtaskmanager.resource-id=taskmanager-${i}`]));
  }
  writeFileSync(stateFile, JSON.stringify({ url, processes }, null, 2));

  const deadline = Date.now() + 90_000;
  for (;;) {
    const info = await overview(url);
    if (info && info.taskmanagers >= taskmanagers) {
      console.log(`flinkframe cluster: ${url} (${info.taskmanagers} TaskManager(s), ${info['slots-total']} slots, Flink ${info['flink-version']})`);
      console.log(`  use it with session({ cluster: '${url}' }); logs in ${join(home, 'log')}`);
      return;
    }
    const dead = processes.find((p) => !alive(p.pid));
    if (dead || Date.now() > deadline) {
      await stop();
      throw new Error(`the ${dead ? `${dead.name} exited` : 'cluster did not come up in 90 s'}; see ${dead?.log ?? join(home, 'log')}(.out)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function stop() {
  const state = readState();
  if (!state) {
    console.log('flinkframe cluster: not running');
    return;
  }
  for (const p of state.processes) if (alive(p.pid)) process.kill(p.pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (state.processes.some((p) => alive(p.pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  for (const p of state.processes) if (alive(p.pid)) process.kill(p.pid, 'SIGKILL');
  rmSync(stateFile, { force: true });
  console.log(`flinkframe cluster: stopped (${state.url})`);
}

async function status() {
  const state = readState();
  const info = state && (await overview(state.url));
  console.log(info ? `flinkframe cluster: running at ${state.url}: ${JSON.stringify(info)}` : 'flinkframe cluster: not running');
  if (!info) process.exitCode = 1;
}

const commands = { start, stop, status };
const command = commands[process.argv[2]];
if (!command) {
  console.error('usage: node scripts/cluster.mjs start [--port 8081] [--taskmanagers 1] [--slots 2] | stop | status');
  process.exit(2);
}
command().catch((e) => {
  console.error(`flinkframe cluster: ${e.message}`);
  process.exit(1);
});
