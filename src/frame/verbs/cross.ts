import type { Table } from '../table.js';
import { join, type JoinOptions } from './join.js';

/**
 * Arquero's cross product: every left row with every right row; all columns of both unless values say. Arquero
 * runs it as a full join on `true`, so an empty side yields the other side's rows padded with nulls: so does this.
 */
export function cross(left: Table, right: Table, values?: unknown, options: JoinOptions = {}): Table {
  return join(left, right, () => true, values, { ...options, how: 'full', verb: 'cross' });
}
