import { FlinkFrameError } from '../../errors.js';
import { toSql } from '../../translate/plan-sql.js';
import type { Table } from '../table.js';
import { joinCondition } from './join.js';
import { describe } from './project.js';

/**
 * Arquero's semijoin / antijoin: the left rows that have (or have no) match in the right table, as a
 * [NOT] EXISTS filter. Left columns, groups and order are kept; null keys never match, as in Arquero.
 */
function joinFilter(left: Table, right: Table, on: unknown, anti: boolean): Table {
  const verb = anti ? 'antijoin' : 'semijoin';
  if (left.state.session !== right.state.session) throw new FlinkFrameError(`${verb}: both tables must belong to the same session.`);
  const { sql: condition } = joinCondition(left, right, on, verb);
  const exists = `${anti ? 'NOT ' : ''}EXISTS (SELECT 1 FROM (${toSql(right.state.node)}) AS r WHERE ${condition})`;
  return left.with({
    node: {
      kind: 'query',
      sql: `SELECT l.* FROM (${toSql(left.state.node)}) AS l WHERE ${exists}`,
      inputs: [left.state.node, right.state.node],
      label: `${verb}(<table>, ${describe(on ?? 'shared columns')})`,
    },
  });
}

export function semijoin(left: Table, right: Table, on?: unknown): Table {
  return joinFilter(left, right, on, false);
}

export function antijoin(left: Table, right: Table, on?: unknown): Table {
  return joinFilter(left, right, on, true);
}
