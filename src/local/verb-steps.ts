import type * as aq from 'arquero';
import { FlinkFrameError } from '../errors.js';

type Args = unknown[];
type Step = (input: aq.ColumnTable, args: Args) => aq.ColumnTable;

/** A verb Arquero has under the same name, called with the user's arguments. */
const same = (verb: string): Step => (t, args) => (t as unknown as Record<string, (...a: Args) => aq.ColumnTable>)[verb]!(...args);

/**
 * What the Flink engine refuses, the local engine refuses too, with the same advice: a test that passes
 * locally must not fail only because it was switched to Flink.
 */
function refused(message: string): never {
  throw new FlinkFrameError(message);
}

function slice(t: aq.ColumnTable, [start = 0, end]: Args): aq.ColumnTable {
  if (!t.isGrouped() && ((start as number) < 0 || (end as number) < 0)) {
    refused(
      `slice(${start}, ${end}): negative positions count from the end, which needs the row count first. ` +
        'Use orderby(desc(...)).slice(0, n) for the last rows, or await numRows() and pass positive positions.',
    );
  }
  return t.slice(start as number, end as number | undefined);
}

function sample(t: aq.ColumnTable, [size, options = {}]: Args): aq.ColumnTable {
  const o = options as { replace?: boolean; weight?: unknown };
  if (o.replace) refused('sample: sampling with replacement is not supported on Flink (no SQL form draws a row twice); sample without { replace: true }.');
  if (o.weight != null) refused('sample: weighted sampling is not supported on Flink; sample uniformly (no weight option), or filter by a weighted random draw yourself.');
  if (typeof size !== 'number' || !Number.isFinite(size) || size < 0) {
    refused(`sample: the size must be a non-negative number; got ${String(size)} (sizes computed per group are not supported).`);
  }
  return t.sample(Math.floor(size), options as object);
}

/** Each verb of a flinkframe Table, as an Arquero call on the input table (tables in args already resolved). */
export const VERB_STEPS: Record<string, Step> = {
  ...Object.fromEntries(
    [
      'params', 'filter', 'derive', 'select', 'rename', 'relocate', 'groupby', 'ungroup', 'rollup', 'count',
      'orderby', 'unorder', 'dedupe', 'join', 'join_left', 'join_right', 'join_full', 'concat', 'union', 'unroll',
      'semijoin', 'antijoin', 'cross', 'lookup', 'intersect', 'except', 'fold', 'pivot', 'spread', 'impute',
    ].map((verb) => [verb, same(verb)]),
  ),
  slice,
  head: (t, [n = 5]) => slice(t, [0, n]),
  sample,
  assign: () =>
    refused(
      'assign: pairing rows by position is not supported on Flink, where tables have no row positions. ' +
        'Give both tables a key column and join on it instead: t.join(other, "id") (or lookup(other, "id", ...columns)).',
    ),
};

export const LOCAL_VERBS = Object.keys(VERB_STEPS);
