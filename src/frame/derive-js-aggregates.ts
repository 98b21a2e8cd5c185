/**
 * op.product, op.mode, op.corr... in derive: an aggregate with no exact SQL form, computed per row over its
 * whole group. On an unordered table without a rolling frame that is the group's one value, so the group's
 * values are rolled up by the JavaScript aggregate stage (js-aggregates.ts) and joined back to the rows on the
 * group keys. Running (ordered) and rolling frames would need the aggregate per row: refused.
 */
import { FlinkFrameError } from '../errors.js';
import { toSql } from '../translate/plan-sql.js';
import type { NamedSql } from '../translate/plan.js';
import { quoteIdent } from '../translate/sql-text.js';
import { hiddenName, isHidden } from './frame-state.js';
import { groupColumn } from './group-columns.js';
import type { Table } from './table.js';
import { aggregateCall } from './udf-aggregate-rollup.js';
import { unwrapRolling } from './window-scope.js';
import { rollup } from './verbs/rollup.js';
import { describe, passThrough } from './verbs/project.js';

type Derive = (table: Table, values: Record<string, unknown>) => Table;

/**
 * The derive when some values are whole-value JavaScript aggregates (undefined otherwise): `sqlDerive`
 * derives the other values, on the table with the aggregates joined in as hidden columns.
 */
export function deriveWithJsAggregates(table: Table, values: Record<string, unknown>, drop: boolean, sqlDerive: Derive): Table | undefined {
  const calls = Object.entries(values).filter(([name, value]) => {
    const { expr, frame } = unwrapRolling(value);
    const call = aggregateCall(table, name, expr);
    if (!call?.builtin) return false;
    if (frame || table.state.order.length) {
      throw new FlinkFrameError(
        `derive: "${name}" calls op.${call.name}(), which has no exact Flink SQL form and runs as a JavaScript aggregate over whole groups only, not over ${frame ? 'a rolling frame' : 'the running frame of an ordered table'}. ` +
          (frame ? 'Derive it over the whole group (without rolling())' : 'Derive it on an unordered table (unorder() first)') + ', or roll it up with rollup() and join the result back.',
      );
    }
    return true;
  });
  if (!calls.length) return undefined;
  const hidden = new Map(calls.map(([name]) => [name, hiddenName('jagg')]));
  const groups = [...table.state.groups];
  const aggregates = rollup(table, Object.fromEntries(calls.map(([name, value]) => [hidden.get(name)!, unwrapRolling(value).expr])));
  // the rollup outputs each group under its name; the rows hold its keys where the grouping keeps them
  const on = groups.map((g) => `t.${quoteIdent(groupColumn(table.state, g))} IS NOT DISTINCT FROM a.${quoteIdent(g)}`).join(' AND ');
  const picked = [...hidden.values()].map((h) => `a.${quoteIdent(h)}`).join(', ');
  const sql = `SELECT t.*, ${picked} FROM (${toSql(table.state.node)}) AS t ${on ? 'JOIN' : 'CROSS JOIN'} (${toSql(aggregates.state.node)}) AS a${on ? ` ON ${on}` : ''}`;
  const joined = table.with({
    node: { kind: 'query', sql, inputs: [table.state.node, aggregates.state.node], label: `whole-group JavaScript aggregates joined to the rows: ${calls.map(([n]) => n).join(', ')}` },
  });
  const rest = Object.fromEntries(Object.entries(values).filter(([name]) => !hidden.has(name)));
  const derived = Object.keys(rest).length ? sqlDerive(joined, rest) : joined;
  // the derive's columns in Arquero's order: existing ones (replaced in place), then new ones as given
  const existing = table.columnNames();
  const names = drop ? Object.keys(values) : [...existing, ...Object.keys(values).filter((n) => !existing.includes(n))];
  const temporaries = new Set(hidden.values());
  const columns: NamedSql[] = [
    ...names.map((name) => (hidden.has(name) ? { name, sql: quoteIdent(hidden.get(name)!) } : passThrough(name))),
    ...derived.fullSchema().filter((f) => isHidden(f.name) && !temporaries.has(f.name)).map((f) => passThrough(f.name)),
  ];
  return derived.with({ node: { kind: 'project', input: derived.state.node, columns, label: `derive(${describe(values)})` } });
}
