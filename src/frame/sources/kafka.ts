import { FlinkFrameError } from '../../errors.js';
import { createTableDdl } from '../../runtime/ddl.js';
import type { SourceNode } from '../../translate/plan.js';
import type { Schema } from '../../translate/schema.js';
import type { Session } from '../session.js';
import { watermarkClause, type WatermarkOption } from './streaming-options.js';

export interface KafkaOptions {
  topic: string;
  /** host:port[,host:port...] */
  bootstrapServers: string;
  /** Column name → Flink SQL type: a Kafka topic has no schema to infer from. */
  types: Record<string, string>;
  /** How messages are encoded (default 'json', one object per message). */
  format?: 'json' | 'csv' | 'raw';
  /** Where a new reader starts (default 'earliest'). */
  startFrom?: 'earliest' | 'latest';
  /** Consumer group (default: a fresh one per source). */
  group?: string;
  watermark?: WatermarkOption;
  /** More Kafka client or connector options, passed to Flink's kafka connector as they are. */
  properties?: Record<string, string>;
}

let groups = 0;

/** The connector options that read or write a topic. */
export function kafkaOptions(options: Pick<KafkaOptions, 'topic' | 'bootstrapServers' | 'format' | 'properties'>): Record<string, string> {
  if (!options.topic || !options.bootstrapServers) {
    throw new FlinkFrameError('Kafka: give both topic and bootstrapServers, e.g. { topic: "clicks", bootstrapServers: "127.0.0.1:9092" }.');
  }
  return {
    connector: 'kafka',
    topic: options.topic,
    'properties.bootstrap.servers': options.bootstrapServers,
    format: options.format ?? 'json',
    ...(options.format === 'json' || !options.format ? { 'json.timestamp-format.standard': 'ISO-8601', 'json.ignore-parse-errors': 'false' } : {}),
    ...options.properties,
  };
}

/** A Kafka topic through Flink's kafka connector: an unbounded source. */
export function kafkaSource(session: Session, options: KafkaOptions): SourceNode {
  const schema: Schema = Object.entries(options.types ?? {}).map(([name, type]) => ({ name, type }));
  if (!schema.length) throw new FlinkFrameError(`loadKafka("${options.topic}"): give the message fields' types, e.g. types: { user: 'STRING', ts: 'TIMESTAMP(3)' }.`);
  const watermark = options.watermark && watermarkClause(schema, options.watermark, 'loadKafka');
  const table = session.sourceName('kafka');
  const with_ = {
    ...kafkaOptions(options),
    'properties.group.id': options.group ?? `flinkframe-${process.pid}-${++groups}`,
    'scan.startup.mode': `${options.startFrom ?? 'earliest'}-offset`,
  };
  return {
    kind: 'source',
    table,
    schema,
    label: `loadKafka(${JSON.stringify(options.topic)})`,
    unbounded: true,
    register: () => session.engine.execute(createTableDdl(table, schema, with_, watermark)),
  };
}
