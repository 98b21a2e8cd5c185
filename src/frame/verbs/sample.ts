import { FlinkFrameError } from '../../errors.js';
import { toSql } from '../../translate/plan-sql.js';
import { quoteIdent } from '../../translate/sql-text.js';
import type { Table } from '../table.js';
import { groupColumns } from '../group-columns.js';

export interface SampleOptions {
  replace?: boolean;
  weight?: unknown;
  shuffle?: boolean;
}

/**
 * Arquero's sample, without replacement and unweighted: n rows chosen uniformly at random (per group when
 * grouped), by numbering rows in the order of RAND() and keeping the first n. Flink has no seeded sampling, so
 * the sample differs from Arquero's and between runs; its size and its rows' membership in the table are what
 * is promised (docs/semantics.md). With replacement or weights there is no faithful SQL form: refused.
 */
export function sample(table: Table, size: unknown, options: SampleOptions = {}): Table {
  if (options.replace) {
    throw new FlinkFrameError('sample: sampling with replacement is not supported on Flink (no SQL form draws a row twice); sample without { replace: true }.');
  }
  if (options.weight != null) {
    throw new FlinkFrameError('sample: weighted sampling is not supported on Flink; sample uniformly (no weight option), or filter by a weighted random draw yourself.');
  }
  if (typeof size !== 'number' || !Number.isFinite(size) || size < 0) {
    throw new FlinkFrameError(`sample: the size must be a non-negative number; got ${String(size)} (sizes computed per group are not supported).`);
  }
  const n = Math.floor(size);
  const columns = table.fullSchema().map((f) => quoteIdent(f.name)).join(', ');
  const partition = table.state.groups.length ? `PARTITION BY ${groupColumns(table.state).map(quoteIdent).join(', ')} ` : '';
  const drawn = `SELECT *, RAND() AS \`__ff_rand\` FROM (${toSql(table.state.node)}) AS t`;
  const numbered = `SELECT *, ROW_NUMBER() OVER (${partition}ORDER BY \`__ff_rand\`) AS \`__ff_rn\` FROM (${drawn}) AS t`;
  return table.with({
    node: {
      kind: 'query',
      sql: `SELECT ${columns} FROM (${numbered}) AS t WHERE \`__ff_rn\` <= ${n}`,
      inputs: [table.state.node],
      label: `sample(${n}) [random rows: ORDER BY RAND(), not Arquero's generator]`,
    },
    order: [],
  });
}
