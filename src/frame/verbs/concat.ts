import { FlinkFrameError } from '../../errors.js';
import { quoteIdent } from '../../translate/sql-text.js';
import type { NamedSql, PlanNode, SetOpNode } from '../../translate/plan.js';
import type { Table } from '../table.js';
import { ordinalColumns, ordinalName } from '../row-order.js';
import { dedupe } from './dedupe.js';

/**
 * Each input projected to the first table's columns; a column an input lacks is NULL of the first table's type.
 * With row ordinals (rowOrder: 'arquero') the result's ordinal is (table index, the table's own ordinal), so
 * rows come table after table, each in its order.
 */
function aligned(table: Table, others: Table[], verb: string): { inputs: PlanNode[]; ordinal: string[] } {
  const schema = table.schema();
  const tables = [table, ...others];
  const ordinals = tables.map(ordinalColumns);
  const ordered = ordinals.some((o) => o.length);
  const width = Math.max(0, ...ordinals.map((o) => o.length));
  const ordinal = ordered ? [ordinalName('c'), ...Array.from({ length: width }, () => ordinalName('c'))] : [];
  const inputs = tables.map((t, i) => {
    if (t.state.session !== table.state.session) throw new FlinkFrameError(`${verb}: all tables must belong to the same session.`);
    const names = new Set(t.columnNames());
    const columns: NamedSql[] = schema.map((f) => ({
      name: f.name,
      sql: names.has(f.name) ? `CAST(${quoteIdent(f.name)} AS ${f.type})` : `CAST(NULL AS ${f.type})`,
    }));
    if (ordered) {
      const own = ordinals[i]!;
      columns.push({ name: ordinal[0]!, sql: `CAST(${i} AS BIGINT)` });
      ordinal.slice(1).forEach((name, j) => columns.push({ name, sql: j < own.length ? `CAST(${quoteIdent(own[j]!)} AS BIGINT)` : 'CAST(0 AS BIGINT)' }));
    }
    return { kind: 'project', input: t.state.node, columns, label: `align to ${verb}` } as const;
  });
  return { inputs, ordinal };
}

function setop(table: Table, others: Table[], op: SetOpNode['op'], verb: string): Table {
  if (!others.length) return table;
  const { inputs, ordinal } = aligned(table, others, verb);
  return table.with({
    node: { kind: 'setop', op, inputs, label: `${verb}(${others.length} table${others.length > 1 ? 's' : ''})` },
    groups: [],
    order: [],
    ordinal,
  });
}

/** All rows of this table, then of the others (as a bag, unless the session keeps Arquero's row order). */
export function concat(table: Table, others: Table[]): Table {
  return setop(table, others, 'UNION ALL', 'concat');
}

/** concat, then distinct rows (with a row ordinal, each row's first occurrence, as Arquero's dedupe). */
export function union(table: Table, others: Table[]): Table {
  if (ordinalColumns(table).length && others.length) return dedupe(concat(table, others), []);
  return setop(table, others, 'UNION', 'union');
}
