import { FlinkFrameError } from '../../errors.js';
import { toSql } from '../../translate/plan-sql.js';
import { quoteIdent } from '../../translate/sql-text.js';
import { findField } from '../../translate/schema.js';
import { preQuery } from '../pre-query.js';
import { assertColumns, resolveSelection } from '../selection.js';
import type { Table } from '../table.js';
import { describe } from './project.js';
import { derive } from './derive.js';
import { ordinalColumns, ordinalName } from '../row-order.js';
import { groupColumn } from '../group-columns.js';

export interface UnrollOptions {
  /** At most this many elements of each array. */
  limit?: number;
  /** Add a column of 0-based element positions: true names it 'index', a string names it. */
  index?: boolean | string;
  /** Columns to leave out of the output. */
  drop?: unknown;
}

/**
 * Arquero's unroll of array columns: one row per element (a row with null or empty arrays disappears), the other
 * columns repeated. One column is Flink's CROSS JOIN UNNEST ... WITH ORDINALITY. Several are unrolled in parallel,
 * as Arquero does (row i holds element i of each, null past an array's end): Flink's UNNEST takes one array, so
 * the positions 1..n are unnested instead, n being the longest array, found by a pre-query (explain() says so).
 */
export function unroll(input: Table, values: unknown, options: UnrollOptions = {}): Table {
  // Arquero also unrolls computed arrays ({ name: d => ... }): derived first, then unrolled by name
  const computed = isExprObject(values);
  const table = computed ? derive(input, values as Record<string, unknown>) : input;
  if (computed) values = Object.keys(values as object);
  const names = [...resolveSelection(table, values, 'unroll').keys()];
  assertColumns(table, names, 'unroll');
  if (!names.length) return table;
  for (const name of names) {
    const type = findField(table.fullSchema(), name)!.type;
    if (!/^ARRAY</.test(type)) {
      throw new FlinkFrameError(`unroll: column "${name}" is ${type}, not an array; unroll takes array columns (e.g. from op.split).`);
    }
  }
  const drop = new Set(options.drop == null ? [] : resolveSelection(table, options.drop, 'unroll').keys());
  const index = options.index ? (options.index === true ? 'index' : String(options.index)) : null;
  const limit = Number(options.limit) > 0 ? Math.floor(Number(options.limit)) : null;
  const state = {
    order: table.state.order.filter((k) => !drop.has(k.column) && !names.includes(k.column)),
    groups: table.state.groups.filter((g) => !drop.has(groupColumn(table.state, g))),
  };
  if (names.length > 1) return parallel(table, names, { drop, index, limit, state, label: `unroll(${describe(values)}${Object.keys(options).length ? `, ${describe(options)}` : ''})` });
  const [column] = names as [string];

  const items = table.fullSchema()
    .filter((f) => !drop.has(f.name))
    .map((f) => (f.name === column ? `u.${quoteIdent(column)}` : `t.${quoteIdent(f.name)}`));
  if (index !== null) items.push(`CAST(u.\`__ff_ord\` - 1 AS INT) AS ${quoteIdent(index)}`);
  const position = ordinalColumns(table).length ? ordinalName('u') : null;
  if (position) items.push(`u.\`__ff_ord\` AS ${quoteIdent(position)}`);
  const unnest = `CROSS JOIN UNNEST(t.${quoteIdent(column)}) WITH ORDINALITY AS u(${quoteIdent(column)}, \`__ff_ord\`)`;
  const where = limit === null ? '' : ` WHERE u.\`__ff_ord\` <= ${limit}`;
  const optionText = Object.keys(options).length ? `, ${describe(options)}` : '';
  return table.with({
    node: {
      kind: 'query',
      sql: `SELECT ${items.join(', ')} FROM (${toSql(table.state.node)}) AS t ${unnest}${where}`,
      inputs: [table.state.node],
      label: `unroll(${describe(values)}${optionText})`,
    },
    ...state,
    ...(position ? { ordinal: [...(table.state.ordinal ?? []), position] } : {}),
  });
}

const isExprObject = (v: unknown) =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).some((x) => typeof x === 'function');

interface Parallel {
  drop: Set<string>;
  index: string | null;
  limit: number | null;
  state: Pick<Table['state'], 'order' | 'groups'>;
  label: string;
}

/** Several array columns side by side: position p of each (null past its end), p up to the row's longest array. */
function parallel(table: Table, names: string[], { drop, index, limit, state, label }: Parallel): Table {
  const lengths = table.state.session.query(
    `SELECT COALESCE(MAX(GREATEST(${names.map((n) => `COALESCE(CARDINALITY(${quoteIdent(n)}), 0)`).join(', ')})), 0) AS \`n\` FROM (${toSql(table.state.node)}) AS t`,
    [table.state.node],
    'unroll pre-query',
  );
  const longest = Number(preQuery(lengths, 'unroll')[0]!.n);
  const positions = Math.max(1, limit === null ? longest : Math.min(longest, limit));
  const items = table.fullSchema()
    .filter((f) => !drop.has(f.name))
    .map((f) => {
      const c = `t.${quoteIdent(f.name)}`;
      return names.includes(f.name) ? `CASE WHEN CARDINALITY(${c}) >= u.p THEN ${c}[u.p] END AS ${quoteIdent(f.name)}` : c;
    });
  if (index !== null) items.push(`CAST(u.p - 1 AS INT) AS ${quoteIdent(index)}`);
  const position = ordinalColumns(table).length ? ordinalName('u') : null;
  if (position) items.push(`u.p AS ${quoteIdent(position)}`);
  const rowLength = `GREATEST(${names.map((n) => `COALESCE(CARDINALITY(t.${quoteIdent(n)}), 0)`).join(', ')})`;
  const range = `ARRAY[${Array.from({ length: positions }, (_, i) => i + 1).join(', ')}]`;
  return table.with({
    node: {
      kind: 'query',
      sql: `SELECT ${items.join(', ')} FROM (${toSql(table.state.node)}) AS t CROSS JOIN UNNEST(${range}) AS u(p) WHERE u.p <= ${rowLength}`,
      inputs: [table.state.node],
      label: `${label} [pre-query: longest array = ${longest}]`,
    },
    ...state,
    ...(position ? { ordinal: [...(table.state.ordinal ?? []), position] } : {}),
  });
}
