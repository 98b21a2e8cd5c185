import { createTableDdl } from '../../runtime/ddl.js';
import type { Schema } from '../../translate/schema.js';
import type { SourceNode } from '../../translate/plan.js';
import type { Session } from '../session.js';

/** A file or folder that Flink's filesystem connector reads with the given format options. */
export function fileSource(
  session: Session,
  path: string,
  schema: Schema,
  label: string,
  format: Record<string, string>,
): SourceNode {
  const table = session.sourceName(format.format!.replace(/\W/g, '_'));
  return {
    kind: 'source',
    table,
    schema,
    label,
    register: () => {
      const engine = session.engine;
      engine.execute(createTableDdl(table, schema, { connector: 'filesystem', path: engine.fileUri(path), ...format }));
    },
  };
}
