/**
 * Arquero lets the side selections of join and cross, and the values of lookup, name expressions over one table:
 * `[{ j: d => d.k }, { w: d => d.v - op.mean(d.v) }]`. Those are computed on their table first (as a derive,
 * so aggregates are over that table, as in Arquero), into hidden columns that the selection then names.
 */
import { HIDDEN_PREFIX } from './frame-state.js';
import type { Table } from './table.js';
import { derive } from './verbs/derive.js';

let computed = 0;

const isExpression = (value: unknown) => typeof value === 'function' || (typeof value === 'object' && value !== null);

/** The table with the selection's expressions derived, and the selection naming them instead. */
export function deriveSelectionExprs(table: Table, selection: unknown): { table: Table; selection: unknown } {
  const exprs: Record<string, unknown> = {};
  const rewrite = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(rewrite);
    if (!item || typeof item !== 'object') return item;
    return Object.fromEntries(Object.entries(item).map(([name, value]) => {
      if (!isExpression(value)) return [name, value];
      const column = `${HIDDEN_PREFIX}s${++computed}`;
      exprs[column] = value;
      return [column, name];
    }));
  };
  const rewritten = rewrite(selection);
  return Object.keys(exprs).length ? { table: derive(table, exprs), selection: rewritten } : { table, selection };
}
