import { createTableDdl } from '../../runtime/ddl.js';
import type { SourceNode } from '../plan.js';
import type { Session } from '../session.js';
import { checkedInput } from './file-path.js';

/** A text file (or folder of them) as one STRING column, `line`, one row per line (Flink's raw format). */
export function textFileSource(session: Session, path: string): SourceNode {
  const { absolute } = checkedInput(path, 'loadText');
  const table = session.sourceName('text');
  const schema = [{ name: 'line', type: 'STRING' }];
  return {
    kind: 'source',
    table,
    schema,
    label: `loadText(${JSON.stringify(path)})`,
    register: () => {
      const engine = session.engine;
      engine.execute(createTableDdl(table, schema, { connector: 'filesystem', path: engine.fileUri(absolute), format: 'raw' }));
    },
  };
}
