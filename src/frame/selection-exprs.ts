/**
 * Arquero lets the side selections of join and cross, and the values of lookup, name expressions over one table:
 * `[{ j: d => d.k }, { w: d => d.v * 2 }]`. Those are computed on their table first, as a derive, into hidden
 * columns that the selection then names. Lookup values may aggregate over the right table
 * (`d.v - op.mean(d.v)`, computed per row as a derive does); join selections may not, as in Arquero.
 */
import { FlinkFrameError } from '../errors.js';
import { translateExpr } from '../translate/expression.js';
import { HIDDEN_PREFIX } from './frame-state.js';
import type { Table } from './table.js';
import { derive } from './verbs/derive.js';
import { describe } from './verbs/project.js';

let computed = 0;

const isExpression = (value: unknown) => typeof value === 'function' || (typeof value === 'object' && value !== null);

/** The table with the selection's expressions derived, and the selection naming them instead. */
export function deriveSelectionExprs(
  table: Table, selection: unknown, verb: string, options: { aggregates: boolean },
): { table: Table; selection: unknown } {
  const exprs: Record<string, unknown> = {};
  const rewrite = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(rewrite);
    if (!item || typeof item !== 'object') return item;
    return Object.fromEntries(Object.entries(item).map(([name, value]) => {
      if (!isExpression(value)) return [name, value];
      if (!options.aggregates && translateExpr(name, value, { ...table.scope(verb), over: '' }).kind !== 'scalar') {
        throw new FlinkFrameError(`${verb}: the value "${name}" (${describe(value)}) aggregates; a join's column selections take one row's values, as in Arquero. Derive the aggregate on that table first.`);
      }
      const column = `${HIDDEN_PREFIX}s${++computed}`;
      exprs[column] = value;
      return [column, name];
    }));
  };
  const rewritten = rewrite(selection);
  return Object.keys(exprs).length ? { table: derive(table, exprs), selection: rewritten } : { table, selection };
}
