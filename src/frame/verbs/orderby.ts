import { FlinkFrameError } from '../../errors.js';
import { quoteIdent } from '../../translate/sql-text.js';
import { translateExpr } from '../../translate/expression.js';
import { HIDDEN_PREFIX } from '../frame-state.js';
import type { NamedSql, OrderKey } from '../../translate/plan.js';
import { assertColumns } from '../selection.js';
import type { Table } from '../table.js';
import { describe, passThrough } from './project.js';
import { collatedRank, type Comparator } from './orderby-collate.js';
import { ordinalColumns } from '../row-order.js';
import { groupColumns, hiddenGroupColumns } from '../group-columns.js';

let orderings = 0;

export const partitionOver = (table: Table) =>
  table.state.groups.length ? `PARTITION BY ${groupColumns(table.state).map(quoteIdent).join(', ')}` : '';

interface KeySpec {
  value: unknown;
  desc: boolean;
  /** collate(expr, ...): the comparator to sort by. */
  collate?: Comparator;
}

/** Arquero's orderby arguments: names, indices, lambdas, desc(...) wrappers, or objects of those. */
function keySpecs(table: Table, keys: unknown[]): KeySpec[] {
  const specs: KeySpec[] = [];
  for (const key of keys.flat()) {
    const wrapped = Boolean(key && typeof key === 'object' && 'expr' in (key as object));
    const value = wrapped ? (key as { expr: unknown }).expr : key;
    const desc = wrapped && Boolean((key as { desc?: boolean }).desc);
    const collate = wrapped && 'collate' in (key as object) ? (key as { collate: Comparator }).collate : undefined;
    if (value && typeof value === 'object' && typeof value !== 'function') {
      for (const v of Object.values(value)) specs.push({ value: v, desc, collate });
    } else if (typeof value === 'number') {
      specs.push({ value: table.columnName(value), desc, collate });
    } else if (typeof value === 'string' || typeof value === 'function') {
      specs.push({ value, desc, collate });
    } else {
      throw new FlinkFrameError(`orderby: invalid orderby field ${describe(key)}; use column names, desc(name) or lambdas.`);
    }
  }
  return specs;
}

/**
 * Sorts by the given keys, replacing any earlier order. Keys that are lambdas are computed into hidden columns;
 * the final query sorts (SQL forgets an ORDER BY inside a subquery).
 */
export function orderby(table: Table, keys: unknown[]): Table {
  const specs = keySpecs(table, keys);
  assertColumns(table, specs.filter((s) => typeof s.value === 'string').map((s) => s.value as string), 'orderby');
  // aggregates in a key are over the groups, as in Arquero (a window without order: no window functions)
  const scope = { ...table.scope('orderby'), over: partitionOver(table) };
  const id = ++orderings;
  const computed: NamedSql[] = [];
  const order: OrderKey[] = specs.map((spec, i) => {
    if (typeof spec.value === 'string' && !spec.collate) return { column: spec.value, desc: spec.desc };
    const keySql = typeof spec.value === 'string' ? quoteIdent(spec.value) : translateExpr(`key ${i}`, spec.value, scope).sql;
    const sql = spec.collate
      ? collatedRank(table, spec.value as string, keySql, spec.collate, `key ${i} (${describe(spec.value)})`)
      : keySql;
    const key = { name: `${HIDDEN_PREFIX}o${id}_${i}`, sql };
    computed.push(key);
    return { column: key.name, desc: spec.desc };
  });
  const collated = specs.filter((s) => s.collate).length;
  const label = `orderby(${keys.map(describe).join(', ')})${collated ? ` [pre-query: the distinct values of ${collated} collated key(s)]` : ''}`;
  const kept = [...table.columnNames(), ...ordinalColumns(table), ...hiddenGroupColumns(table.state)];
  const columns = [...kept.map(passThrough), ...computed];
  return table.with({ node: { kind: 'project', input: table.state.node, columns, label }, order });
}

export function unorder(table: Table): Table {
  if (!table.isOrdered()) return table;
  return table.with({
    node: { kind: 'project', input: table.state.node, columns: [...table.columnNames(), ...ordinalColumns(table), ...hiddenGroupColumns(table.state)].map(passThrough), label: 'unorder()' },
    order: [],
  });
}
