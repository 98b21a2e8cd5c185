import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const root = join(import.meta.dirname, '..', '..');
const brokerPom = join(root, 'java', 'kafka-broker', 'pom.xml');
const lib = join(root, 'java', 'kafka-broker', 'target', 'lib');
const run = promisify(execFile);

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * A real Kafka broker (Apache Kafka 4.1, KRaft mode: broker and controller in one JVM) on loopback ports, from
 * Maven Central's jars (java/kafka-broker resolves them on first use), in a temporary folder.
 */
export async function startKafka(): Promise<{ bootstrap: string; stop(): Promise<void> }> {
  if (!existsSync(lib)) await run('mvn', ['-B', '-q', '-f', brokerPom, 'package'], { maxBuffer: 1 << 24 });
  const dir = mkdtempSync(join(tmpdir(), 'ff-kafka-'));
  const [port, controller] = [await freePort(), await freePort()];
  const config = join(dir, 'server.properties');
  writeFileSync(config, [
    'process.roles=broker,controller', 'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controller}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER', 'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${join(dir, 'data')}`, 'offsets.topic.replication.factor=1', 'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1', 'num.partitions=1', 'group.initial.rebalance.delay.ms=0', '',
  ].join('\n'));
  const classpath = `${lib}/*`;
  await run('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', 'ZmxpbmtmcmFtZWthZmthMQ', '-c', config]);
  const broker: ChildProcess = spawn('java', ['-Xmx512m', '-cp', classpath, 'kafka.Kafka', config], { stdio: 'ignore' });
  const deadline = Date.now() + 120_000;
  while (!(await listening(port))) {
    if (broker.exitCode !== null || Date.now() > deadline) throw new Error(`the Kafka broker did not start (exit ${broker.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    bootstrap: `127.0.0.1:${port}`,
    stop: async () => {
      broker.kill('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 500));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
