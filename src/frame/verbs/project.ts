import { quoteIdent } from '../../translate/sql-text.js';
import { HIDDEN_PREFIX, isHidden } from '../frame-state.js';
import type { NamedSql, OrderKey } from '../../translate/plan.js';
import type { Table } from '../table.js';
import { keepGroupColumns } from '../group-columns.js';

/** A column passed through unchanged. */
export const passThrough = (name: string): NamedSql => ({ name, sql: quoteIdent(name) });

let keeps = 0;

/**
 * Records a projection to the given visible columns, keeping the table's order: a sort key that passes through
 * follows its (new) name, a sort key the projection drops or replaces is kept as a hidden column; so is a group
 * column (group-columns.ts).
 */
export function project(table: Table, columns: NamedSql[], label: string): Table {
  const hidden = table.fullSchema().filter((f) => isHidden(f.name)).map((f) => passThrough(f.name));
  const kept: NamedSql[] = [];
  const order: OrderKey[] = table.state.order.map((key) => {
    if (isHidden(key.column)) return key;
    const passed = columns.find((c) => c.sql === quoteIdent(key.column));
    if (passed) return { ...key, column: passed.name };
    const keep = { name: `${HIDDEN_PREFIX}k${++keeps}`, sql: quoteIdent(key.column) };
    kept.push(keep);
    return { ...key, column: keep.name };
  });
  const groups = keepGroupColumns(table.state, columns);
  return table.with({
    node: { kind: 'project', input: table.state.node, columns: [...columns, ...hidden, ...kept, ...groups.kept], label },
    order,
    ...(groups.groupColumns ? { groupColumns: groups.groupColumns } : {}),
  });
}

/** How a verb argument reads in explain(): lambdas by their source text. */
export function describe(value: unknown): string {
  if (typeof value === 'function') return value.toString();
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (value && typeof value === 'object') {
    const s = String(value);
    if (s !== '[object Object]') return s;
    return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${describe(v)}`).join(', ')} }`;
  }
  return String(value);
}
