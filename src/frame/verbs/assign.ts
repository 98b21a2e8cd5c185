import { FlinkFrameError } from '../../errors.js';
import type { OrderKey } from '../../translate/plan.js';
import { toSql } from '../../translate/plan-sql.js';
import { quoteIdent } from '../../translate/sql-text.js';
import { preQuery } from '../pre-query.js';
import { ordinalColumns, ordinalName, sortKeys } from '../row-order.js';
import { Table } from '../table.js';

const orderSql = (keys: OrderKey[]) => keys.map((k) => `${quoteIdent(k.column)} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');

/** The number of rows, by a pre-query (assign checks the counts match before pairing rows, as Arquero does). */
function rowCount(table: Table): number {
  const [row] = preQuery(table.ungroup().count({ as: 'n' }), 'assign');
  return Number(row?.n ?? 0);
}

/**
 * Arquero's assign puts other tables' columns beside this one's, row i next to row i (a column of the same name
 * is replaced in place). Flink tables have no row positions, so this needs the row order a session with
 * rowOrder: 'arquero' keeps (row-order.ts): each table's rows are numbered in its order (orderby keys, then
 * the ordinal) and the tables joined on that number. Without a row order, numbering both sides would pair rows
 * in an order neither table promises, so assign is refused, with the faithful alternative.
 */
export function assign(table: Table, others: unknown[]): Table {
  const inputs = others.flat().map((o) => (o instanceof Table ? o : table.state.session.table(o as Record<string, unknown[]>)));
  const unordered = [table, ...inputs].find((t) => !ordinalColumns(t).length);
  if (unordered) {
    throw new FlinkFrameError(
      'assign: pairing rows by position is not supported on Flink, where tables have no row positions' +
        (unordered === table ? '' : ' (one of the assigned tables has none)') +
        ". Give both tables a key column and join on it instead: t.join(other, \"id\") (or lookup(other, \"id\", ...columns)); or make the tables in a session with rowOrder: 'arquero', which keeps Arquero's row positions.",
    );
  }
  const n = rowCount(table);
  for (const input of inputs) {
    const m = rowCount(input);
    if (m !== n) throw new FlinkFrameError(`assign: the tables' row counts do not match (${n} and ${m}); assign pairs rows by position, so the tables need the same number of rows.`);
  }
  // output columns: this table's (replaced by a later table's column of the same name), then new ones in order
  const source = new Map<string, number>();
  const names: string[] = [];
  [table, ...inputs].forEach((t, i) => {
    for (const name of t.columnNames()) {
      if (!source.has(name)) names.push(name);
      source.set(name, i);
    }
  });
  const position = ordinalName('pos');
  const numbered = [table, ...inputs].map(
    (t, i) => `(SELECT *, ROW_NUMBER() OVER (ORDER BY ${orderSql(sortKeys(t))}) AS ${quoteIdent(position)} FROM (${toSql(t.state.node)}) AS s) AS t${i}`,
  );
  const hidden = table.fullSchema().map((f) => f.name).filter((name) => !table.columnNames().includes(name));
  const select = [
    ...names.map((name) => `t${source.get(name)}.${quoteIdent(name)} AS ${quoteIdent(name)}`),
    ...hidden.map((name) => `t0.${quoteIdent(name)}`),
  ];
  const joins = numbered.slice(1).map((sql, i) => ` JOIN ${sql} ON t0.${quoteIdent(position)} = t${i + 1}.${quoteIdent(position)}`);
  const sql = `SELECT ${select.join(', ')} FROM ${numbered[0]}${joins.join('')}`;
  return table.with({
    node: { kind: 'query', sql, inputs: [table.state.node, ...inputs.map((t) => t.state.node)], label: `assign (rows paired by position, ${inputs.length} table${inputs.length > 1 ? 's' : ''}) [pre-query: the row counts, ${n} each]` },
  });
}
