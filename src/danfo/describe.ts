import { FlinkFrameError } from '../errors.js';
import type { Table } from '../frame/table.js';
import { columnRef } from './expr.js';
import { project } from '../frame/verbs/project.js';
import { quoteIdent, quoteString } from '../translate/sql-text.js';

/** Danfo's describe rows, in Danfo's order, and the Arquero aggregate of each (std and variance are sample statistics, n - 1). */
const STATISTICS: [string, (c: string) => string][] = [
  ['count', (c) => `op.valid(${c})`],
  ['mean', (c) => `op.mean(${c})`],
  ['std', (c) => `op.stdev(${c})`],
  ['min', (c) => `op.min(${c})`],
  ['median', (c) => `op.median(${c})`],
  ['max', (c) => `op.max(${c})`],
  ['variance', (c) => `op.variance(${c})`],
];

/** Orders the rows; select drops it (the order stays, on a hidden copy). */
const ROW = '__describe_row';

/** The column that holds Danfo's index labels (count, mean, ...). */
export const DESCRIBE_INDEX = 'index';

/**
 * One aggregation computes every statistic; each statistic is then one row (a UNION ALL of projections of that
 * single row), ordered as Danfo orders them. Every value is a DOUBLE, so the rows share one type.
 */
export function describe(table: Table, numeric: string[]): { table: Table; index: string } {
  if (!numeric.length) throw new FlinkFrameError('describe: the frame has no numeric columns (Danfo describes int32 and float32 columns only).');
  if (numeric.includes(DESCRIBE_INDEX)) throw new FlinkFrameError(`describe: a column is named "${DESCRIBE_INDEX}", the name describe gives its row labels; rename it first.`);
  const name = (column: number, stat: number) => `s${stat}_${column}`;
  const values: Record<string, string> = {};
  STATISTICS.forEach(([, aggregate], s) => numeric.forEach((c, i) => (values[name(i, s)] = aggregate(columnRef(c)))));
  const summary = table.rollup(values);
  // SQL text, not expressions: a string literal is a CHAR(n), which UNION ALL would cut to the first label's length
  const rows = STATISTICS.map(([label], s) =>
    project(
      summary,
      [
        { name: DESCRIBE_INDEX, sql: `CAST(${quoteString(label)} AS STRING)` },
        ...numeric.map((c, i) => ({ name: c, sql: `CAST(${quoteIdent(name(i, s))} AS DOUBLE)` })),
        { name: ROW, sql: String(s) },
      ],
      `describe: ${label}`,
    ),
  );
  const [first, ...rest] = rows;
  return { table: first!.concat(rest).orderby(ROW).select(DESCRIBE_INDEX, ...numeric), index: DESCRIBE_INDEX };
}
