import type { SourceNode } from '../../translate/plan.js';
import type { Session } from '../session.js';
import { checkedInput } from './file-path.js';
import { fileSource } from './file-source.js';

/** A text file (or folder of them) as one STRING column, `line`, one row per line (Flink's raw format). */
export function textFileSource(session: Session, path: string): SourceNode {
  const { absolute } = checkedInput(path, 'loadText');
  return fileSource(session, absolute, [{ name: 'line', type: 'STRING' }], `loadText(${JSON.stringify(path)})`, { format: 'raw' });
}
