import { Table as ApacheArrowTable, tableToIPC } from 'apache-arrow';
import * as flechette from '@uwdata/flechette';
import { FlinkFrameError } from '../../errors.js';
import { encodedFromIpc } from '../../runtime/arrow-encode.js';
import type { SourceNode } from '../../translate/plan.js';
import type { Session } from '../session.js';
import { ipcSource } from './memory.js';

/** apache-arrow tables, flechette tables (what Arquero's toArrow gives) and IPC bytes all become IPC stream bytes. */
function ipcBytes(arrow: unknown): Uint8Array {
  if (arrow instanceof Uint8Array) return arrow;
  if (arrow instanceof ArrayBuffer) return new Uint8Array(arrow);
  if (arrow instanceof ApacheArrowTable) return tableToIPC(arrow, 'stream');
  if (arrow instanceof flechette.Table) return flechette.tableToIPC(arrow, { format: 'stream' })!;
  throw new FlinkFrameError('fromArrow: expected an apache-arrow Table, a flechette Table (aq.toArrow) or Arrow IPC bytes.');
}

export function arrowSource(session: Session, arrow: unknown): SourceNode {
  const { chunks, schema, rows } = encodedFromIpc(ipcBytes(arrow));
  // a whole stream already: one split
  return ipcSource(session, { schema, rows, messages: () => [chunks] }, 'fromArrow()', false);
}
