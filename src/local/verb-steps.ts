import type * as aq from 'arquero';
import { table as aqTable } from 'arquero';
import { reduced, type ReducerLike } from '../frame/verbs/reduce.js';
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
  if (typeof size !== 'number' && (options as { replace?: boolean }).replace) {
    refused('sample: a per-group size (frac(...) or an expression) with { replace: true } is not supported on Flink (the number of draws must be known to plan them); give a number of rows, or sample without replacement.');
  }
  return t.sample(size as number, options as object);
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
  sample,
  // the reducer over each group, its rows written after the previous group's, as the Flink engine does
  reduce: (t, [reducer]) => {
    const groups = (t.groups() as { names?: string[] } | null)?.names ?? [];
    return aqTable(reduced(t, groups, reducer as ReducerLike));
  },
  head: (t, [n = 5]) => slice(t, [0, n]),
  assign: () =>
    refused(
      'assign: pairing rows by position is not supported on Flink, where tables have no row positions. ' +
        'Give both tables a key column and join on it instead: t.join(other, "id") (or lookup(other, "id", ...columns)).',
    ),
};

export const LOCAL_VERBS = Object.keys(VERB_STEPS);
