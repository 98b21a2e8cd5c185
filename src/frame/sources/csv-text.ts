import * as aq from 'arquero';
import type { SourceNode } from '../../translate/plan.js';
import type { Session } from '../session.js';
import { memorySource } from './memory.js';

/** CSV text in memory: Arquero parses it (with its type inference), Flink gets the columns. */
export function csvTextSource(session: Session, text: string, options: Record<string, unknown>): SourceNode {
  const parsed = aq.fromCSV(text, options);
  const columns = parsed.columnNames().map((name) => [name, parsed.array(name) as ArrayLike<unknown>] as [string, ArrayLike<unknown>]);
  return memorySource(session, columns);
}
