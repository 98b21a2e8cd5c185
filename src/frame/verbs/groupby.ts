import type { Table } from '../table.js';
import { assertColumns } from '../selection.js';
import { derive } from './derive.js';
import { windowedGroups } from './window.js';
import { partitionOver } from './orderby.js';
import { translateExpr } from '../../translate/expression.js';
import { groupColumnName } from '../group-columns.js';
import { resolveBinsSpreads } from '../bins-spread.js';

/**
 * Arquero groups by column names or by expressions ({ name: d => ... }, or a lambda named by its source);
 * expressions become derived columns, so Flink only ever groups by columns. As in Arquero, a computed key is
 * not a column of the table: it is derived into a hidden column (group-columns.ts) that rollup outputs under
 * the key's name. (On a windowed table computed keys stay visible: the window TVF partitions by visible columns.)
 */
export function groupby(table: Table, keys: unknown[]): Table {
  const names: string[] = [];
  const derived: Record<string, unknown> = {};
  for (const key of keys.flat()) {
    if (typeof key === 'string') names.push(key);
    else if (typeof key === 'number') names.push(table.columnName(key) ?? String(key));
    else if (typeof key === 'function') {
      derived[key.toString()] = key;
      names.push(key.toString());
    } else if (key && typeof key === 'object') {
      for (const [name, value] of Object.entries(key)) {
        if (typeof value === 'string' && table.columnNames().includes(value)) names.push(value);
        else {
          derived[name] = value;
          names.push(name);
        }
      }
    }
  }
  // a key binned by ...bins(d.x, n) gets the bins of the table, read by a pre-query (bins-spread.ts)
  for (const [name, value] of Object.entries(derived)) derived[name] = resolveBinsSpreads(table, 'groupby', value);
  // Arquero refuses window functions in group keys; checked in a scope without a window, which rejects them
  for (const [name, value] of Object.entries(derived)) translateExpr(name, value, { ...table.scope('groupby'), over: partitionOver(table) });
  assertColumns(table, names.filter((n) => !(n in derived)), 'groupby');
  if (table.state.window) {
    const base = Object.keys(derived).length ? derive(table, derived) : table;
    return windowedGroups(base, names) ?? base.with({ groups: names, groupColumns: {} });
  }
  const hidden = Object.fromEntries(Object.keys(derived).map((name) => [name, groupColumnName()]));
  const base = Object.keys(derived).length
    ? derive(table, Object.fromEntries(Object.entries(derived).map(([name, value]) => [hidden[name]!, value])))
    : table;
  return base.with({ groups: names, groupColumns: hidden });
}

export function ungroup(table: Table): Table {
  return table.with({ groups: [], groupColumns: {} });
}
