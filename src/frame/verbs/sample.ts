import { FlinkFrameError } from '../../errors.js';
import { toSql } from '../../translate/plan-sql.js';
import { quoteIdent } from '../../translate/sql-text.js';
import { hiddenName } from '../frame-state.js';
import { ordinalColumns } from '../row-order.js';
import type { Table } from '../table.js';
import { groupColumns } from '../group-columns.js';
import { derive } from './derive.js';

export interface SampleOptions {
  replace?: boolean;
  weight?: unknown;
  shuffle?: boolean;
}

/**
 * The weight column (Arquero: a column name, a column index or an expression; a missing, zero or negative
 * weight counts as 0, as Arquero's `col.at(row) || 0`), derived as a hidden column when it is an expression.
 */
function withWeight(table: Table, weight: unknown): { table: Table; weight: string | null } {
  if (weight == null) return { table, weight: null };
  let column: string;
  if (typeof weight === 'string' || typeof weight === 'number') {
    const name = typeof weight === 'number' ? table.columnName(weight) : weight;
    if (name === undefined || !table.columnNames().includes(name)) {
      throw new FlinkFrameError(`sample: the weight column ${JSON.stringify(weight)} is not a column of the table. Available columns: ${table.columnNames().map((c) => `"${c}"`).join(', ')}.`);
    }
    column = quoteIdent(name);
  } else {
    const name = hiddenName('w');
    table = derive(table, { [name]: weight });
    column = quoteIdent(name);
  }
  const sql = `CASE WHEN CAST(${column} AS DOUBLE) > 0 THEN CAST(${column} AS DOUBLE) ELSE CAST(0 AS DOUBLE) END`;
  return { table, weight: sql };
}

/**
 * The size per group: a number, or (Arquero's `frac(0.5)`, a string or function) an aggregate expression
 * computed per group, derived as a hidden column (a window over the group).
 */
function withSize(table: Table, size: unknown): { table: Table; size: string } {
  if (typeof size === 'number') {
    if (!Number.isFinite(size) || size < 0) throw new FlinkFrameError(`sample: the size must be a non-negative number or a per-group expression such as frac(0.5); got ${String(size)}.`);
    return { table, size: String(Math.floor(size)) };
  }
  if (typeof size !== 'string' && typeof size !== 'function') {
    throw new FlinkFrameError(`sample: the size must be a non-negative number or a per-group expression such as frac(0.5) or () => op.round(0.5 * op.count()); got ${String(size)}.`);
  }
  const name = hiddenName('size');
  // Arquero reads a missing or NaN size as 0
  return { table: derive(table, { [name]: size }), size: `COALESCE(CAST(FLOOR(${quoteIdent(name)}) AS BIGINT), 0)` };
}

/** Without replacement: each group's rows ordered by a random key, the first `size` kept. */
function withoutReplacement(input: Table, columns: string, partition: string, size: string, weight: string | null): string {
  // weighted: Efraimidis–Spirakis keys -ln(u)/w (smallest first); a weight of 0 gives no key, drawn last
  const key = weight
    ? `CASE WHEN ${weight} > 0 THEN -LN(1 - RAND()) / ${weight} ELSE CAST(NULL AS DOUBLE) END`
    : 'RAND()';
  const keyed = `SELECT *, ${key} AS \`__ff_key\` FROM (${toSql(input.state.node)}) AS t`;
  const numbered = `SELECT *, ROW_NUMBER() OVER (${partition}ORDER BY \`__ff_key\` ASC NULLS LAST) AS \`__ff_rn\` FROM (${keyed}) AS t`;
  return `SELECT ${columns} FROM (${numbered}) AS t WHERE \`__ff_rn\` <= ${size}`;
}

/** Whole numbers 0..limit-1 as a query of digits cross-joined (Flink SQL has no generate_series). */
function numbers(limit: number): string {
  const digits = `(VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))`;
  const places = Math.max(1, Math.ceil(Math.log10(Math.max(limit, 2))));
  const from = Array.from({ length: places }, (_, i) => `${digits} AS d${i}(i)`).join(' CROSS JOIN ');
  const value = Array.from({ length: places }, (_, i) => (i ? `${10 ** i} * d${i}.i` : 'd0.i')).join(' + ');
  return `SELECT * FROM (SELECT ${value} AS \`__ff_draw\` FROM ${from}) AS n WHERE \`__ff_draw\` < ${limit}`;
}

/**
 * With replacement: `size` draws per group, each a uniform number in [0, total weight) matched to the row whose
 * interval [weight before it, weight up to it] holds it (a cumulative sum over the group in a random order).
 */
function withReplacement(input: Table, original: string[], groups: string[], sizeLimit: number, weight: string | null, draw: string): string {
  const partition = groups.length ? `PARTITION BY ${groups.map(quoteIdent).join(', ')} ` : '';
  const w = weight ?? 'CAST(1 AS DOUBLE)';
  const shuffled = `SELECT *, RAND() AS \`__ff_r\`, ${w} AS \`__ff_w\` FROM (${toSql(input.state.node)}) AS t`;
  const frame = (end: string) => `SUM(\`__ff_w\`) OVER (${partition}ORDER BY \`__ff_r\` ROWS BETWEEN UNBOUNDED PRECEDING AND ${end})`;
  const cumulative = `SELECT *, COALESCE(${frame('1 PRECEDING')}, CAST(0 AS DOUBLE)) AS \`__ff_lo\`, ${frame('CURRENT ROW')} AS \`__ff_hi\` FROM (${shuffled}) AS t`;
  const keys = groups.map(quoteIdent);
  const totals = `SELECT ${[...keys, 'MAX(`__ff_hi`) AS `__ff_total`'].join(', ')} FROM (${cumulative}) AS t${keys.length ? ` GROUP BY ${keys.join(', ')}` : ''}`;
  const draws = `SELECT g.*, n.\`__ff_draw\`, g.\`__ff_total\` * RAND() AS \`__ff_u\` FROM (${totals}) AS g CROSS JOIN (${numbers(sizeLimit)}) AS n`;
  const on = [
    ...groups.map((g) => `r.${quoteIdent(g)} IS NOT DISTINCT FROM d.${quoteIdent(g)}`),
    'r.`__ff_lo` <= d.`__ff_u`',
    'd.`__ff_u` < r.`__ff_hi`',
  ].join(' AND ');
  const columns = original.map((c) => `r.${c}`);
  return `SELECT ${[...columns, `d.\`__ff_draw\` AS ${quoteIdent(draw)}`].join(', ')} FROM (${cumulative}) AS r JOIN (${draws}) AS d ON ${on}`;
}

/**
 * Arquero's sample: `size` rows per group (or a per-group size such as frac(0.5)), uniform or weighted, with
 * or without replacement. Flink has no seeded generator, so the rows differ from Arquero's and between runs;
 * what is promised is the size, the rows' membership in the table, and the distribution (docs/semantics.md).
 * Without replacement, rows are ordered by a random key per group (RAND(), or -ln(u)/w for weights) and the
 * first `size` kept; with replacement, each draw picks a row by its cumulative-weight interval.
 */
export function sample(table: Table, size: unknown, options: SampleOptions = {}): Table {
  const original = table.fullSchema().map((f) => quoteIdent(f.name));
  const groups = groupColumns(table.state);
  const sized = withSize(table, size);
  const weighted = withWeight(sized.table, options.weight);
  const input = weighted.table;
  const columns = original.join(', ');
  const label = `sample(${typeof size === 'number' ? Math.floor(size) : String(size)}${options.replace ? ', replace' : ''}${options.weight != null ? ', weighted' : ''}) [random rows: RAND(), not Arquero's generator]`;
  if (!options.replace) {
    const partition = groups.length ? `PARTITION BY ${groups.map(quoteIdent).join(', ')} ` : '';
    const sql = withoutReplacement(input, columns, partition, sized.size, weighted.weight);
    return table.with({ node: { kind: 'query', sql, inputs: [input.state.node], label }, order: [] });
  }
  if (typeof size !== 'number') {
    throw new FlinkFrameError('sample: a per-group size (frac(...) or an expression) with { replace: true } is not supported on Flink (the number of draws must be known to plan them); give a number of rows, or sample without replacement.');
  }
  const draw = hiddenName('draw');
  const sql = withReplacement(input, original, groups, Math.floor(size), weighted.weight, draw);
  // each draw is a row of its own: the draw number follows the row's ordinal, so drawn copies stay apart
  const ordinal = ordinalColumns(table);
  return table.with({
    node: { kind: 'query', sql, inputs: [input.state.node], label },
    order: [],
    ordinal: ordinal.length ? [...ordinal, draw] : [],
  });
}
