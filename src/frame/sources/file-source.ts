import { createTableDdl } from '../../runtime/ddl.js';
import type { Schema } from '../../translate/schema.js';
import type { SourceNode } from '../../translate/plan.js';
import type { Session } from '../session.js';
import { watchOptions, watermarkClause, type StreamingSourceOptions } from './streaming-options.js';

/** A file or folder that Flink's filesystem connector reads with the given format options. */
export function fileSource(
  session: Session,
  path: string,
  schema: Schema,
  label: string,
  format: Record<string, string>,
  streaming: StreamingSourceOptions = {},
): SourceNode {
  const verb = label.slice(0, label.indexOf('('));
  const watermark = streaming.watermark && watermarkClause(schema, streaming.watermark, verb);
  const watch = watchOptions(streaming, verb);
  const table = session.sourceName(format.format!.replace(/\W/g, '_'));
  return {
    kind: 'source',
    table,
    schema,
    label,
    unbounded: Boolean(streaming.watch),
    register: () => {
      const engine = session.engine;
      engine.execute(createTableDdl(table, schema, { connector: 'filesystem', path: engine.fileUri(path), ...format, ...watch }, watermark));
    },
  };
}
