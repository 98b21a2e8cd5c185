import { FlinkFrameError } from '../../errors.js';
import { quoteIdent } from '../../translate/sql-text.js';
import type { PlanNode, SetOpNode } from '../../translate/plan.js';
import type { Table } from '../table.js';

/** Each input projected to the first table's columns; a column an input lacks is NULL of the first table's type. */
function aligned(table: Table, others: Table[], verb: string): PlanNode[] {
  const schema = table.schema();
  return [table, ...others].map((t) => {
    if (t.state.session !== table.state.session) throw new FlinkFrameError(`${verb}: all tables must belong to the same session.`);
    const names = new Set(t.columnNames());
    const columns = schema.map((f) => ({
      name: f.name,
      sql: names.has(f.name) ? `CAST(${quoteIdent(f.name)} AS ${f.type})` : `CAST(NULL AS ${f.type})`,
    }));
    return { kind: 'project', input: t.state.node, columns, label: `align to ${verb}` } as const;
  });
}

function setop(table: Table, others: Table[], op: SetOpNode['op'], verb: string): Table {
  if (!others.length) return table;
  return table.with({
    node: { kind: 'setop', op, inputs: aligned(table, others, verb), label: `${verb}(${others.length} table${others.length > 1 ? 's' : ''})` },
    groups: [],
    order: [],
  });
}

/** All rows of this table, then of the others (as a bag: Flink keeps no order between them). */
export function concat(table: Table, others: Table[]): Table {
  return setop(table, others, 'UNION ALL', 'concat');
}

/** concat, then distinct rows. */
export function union(table: Table, others: Table[]): Table {
  return setop(table, others, 'UNION', 'union');
}
