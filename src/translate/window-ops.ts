/**
 * Arquero's window functions (node_modules/arquero/src/op/window-functions.js is the specification) as Flink
 * SQL, one entry each. A template names the OVER clause it needs by placeholder (window-clause.ts):
 * $ranked (partition + sort keys: ties share a rank), $ordered (partition + sort keys + tie-break, no frame:
 * SQL allows none on ranking, LAG and LEAD), $whole (the
 * partition), $frame (the rolling() frame, else the whole partition), $running / $remaining (the rows up to
 * / from the current one), $upto (the rows so far with the current row's ties) and $peers (the current
 * row's ties). Each form below was run on Flink 2.3
 * (test/windows.test.ts compares it with Arquero).
 */
import type { SqlExpr, WindowScope } from './expression.js';
import type { OpDef } from './op-registry.js';
import { baseType, commonType, familyOf } from './expr-types.js';
import { sameValueOver, stepColumn, valueOrderedOver, type WindowPlaceholder } from './window-clause.js';

/** The OVER clause of a given shape, for window ops whose SQL is built by a function. */
export type Over = (shape: WindowPlaceholder) => string;

/** Thrown when these arguments have no SQL form; expr-call turns it into an error naming the expression. */
export class NoWindowForm extends Error {}

const windowOp = (sql: OpDef['sql'], type: string, args: OpDef['args'] = [], optional = 0): OpDef => ({
  sql, type, args, optional, window: true,
});

/** A constant number greater than zero (ntile's count), as Arquero reads it (+x). */
function positiveConstant(arg: SqlExpr, what: string): number {
  const n = Number(arg.value);
  if (!(n > 0) || !Number.isFinite(n)) throw new NoWindowForm(`${what} ${String(arg.value)} (it must be a number greater than zero)`);
  return n;
}

/**
 * A default value in the type of the column it stands in for (SQL's LAG and COALESCE need one type); one
 * that the column's type cannot hold as it is (1.5 for an INT column, text for a number) is refused.
 */
function defaultAs(value: SqlExpr, def: SqlExpr | undefined): string | undefined {
  if (def === undefined || familyOf(def.type) === 'null') return undefined;
  const type = baseType(value.type);
  if (commonType([type, def.type]) !== commonType([type])) throw new NoWindowForm(`a default of type ${baseType(def.type)} for a value of type ${type}`);
  return `CAST(${def.sql} AS ${type})`;
}

/**
 * lag/lead: Arquero's offset is `+offset || 1`, and a negative offset looks the other way (lag(x, -1) is
 * lead(x, 1)); the default replaces only rows outside the partition, never a null value.
 */
const shifted = (fn: 'LAG' | 'LEAD', offset: SqlExpr | undefined, over: Over) => {
  const n = offset === undefined ? 1 : Number(offset.value) || 1;
  if (!Number.isInteger(n)) throw new NoWindowForm(`an offset of ${String(offset?.value)} (it must be a whole number)`);
  const other = fn === 'LAG' ? 'LEAD' : 'LAG';
  return (x: string) => `${n < 0 ? other : fn}(${x}, ${Math.abs(n)})${over('ordered')}`;
};

const shift = (fn: 'LAG' | 'LEAD') => ([value, offset, def]: SqlExpr[], over: Over) => {
  const call = shifted(fn, offset, over);
  const d = defaultAs(value, def);
  // not LAG(x, n, default): Flink 2.3 then gives '' (or 0) for a null x; LAG of a constant is null only outside the partition
  return d ? `CASE WHEN ${outside(call)} THEN ${d} ELSE ${call(value.sql)} END` : call(value.sql);
};

/** The row n away is outside the partition. */
const outside = (call: (x: string) => string) => `${call('1')} IS NULL`;

/** Without a default, a row outside the partition gives Arquero's undefined (SqlExpr.absent). */
const shiftAbsent = (fn: 'LAG' | 'LEAD') => ([, offset, def]: SqlExpr[], over: Over) =>
  def === undefined || familyOf(def.type) === 'null' ? outside(shifted(fn, offset, over)) : undefined;

/** Number.MAX_VALUE as a Flink SQL DOUBLE literal. */
const MAX_DOUBLE = '1.7976931348623157E308';

/**
 * Arquero reads NaN as missing, like null: a DOUBLE NaN becomes NULL before Flink skips nulls. Every comparison
 * with NaN is false; a finite value passes the first test (one evaluation of x: Flink's generated code shares no
 * subexpressions, and a derived argument is computed anew each time it appears). The infinity test comes second
 * because Flink does not fold CAST('Infinity' AS DOUBLE) into a constant: a guard that always reached it would
 * cast a string on every row (frames-vs-sql measured 1.24×). Calcite cannot merge the two tests into one range
 * (it would read that as IS NOT NULL and let NaN through) because the CAST is no literal.
 */
export function validOnly(value: SqlExpr): string {
  if (familyOf(value.type) !== 'float') return value.sql;
  return `CASE WHEN ABS(${value.sql}) <= ${MAX_DOUBLE} OR ABS(${value.sql}) = CAST('Infinity' AS DOUBLE) THEN ${value.sql} END`;
}


/**
 * fill_down / fill_up: the last (first) valid value so far (from here on). Flink's LAST_VALUE and FIRST_VALUE
 * skip nulls, which is exactly what filling needs; the default fills where no valid value exists.
 */
const fill = (fn: 'LAST_VALUE' | 'FIRST_VALUE', shape: WindowPlaceholder) => ([value, def]: SqlExpr[], over: Over) => {
  const filled = `${fn}(${validOnly(value)})${over(shape)}`;
  const d = defaultAs(value, def);
  return d ? `COALESCE(${filled}, ${d})` : filled;
};

const ENCODABLE = new Set(['string', 'integer', 'float', 'decimal', 'boolean', 'date', 'timestamp']);

/**
 * Flink's FIRST_VALUE, LAST_VALUE and MAX skip nulls, and LAG/LEAD give null outside the partition, so a value
 * that must keep its nulls is first tagged as text ('v' + value, or 'n' for null), which is never null: a
 * null tag then means no row.
 */
function tagged(value: SqlExpr): string {
  const family = familyOf(value.type);
  if (!ENCODABLE.has(family)) throw new NoWindowForm(`a value of type ${baseType(value.type)}`);
  const text = family === 'string' ? value.sql : `CAST(${value.sql} AS STRING)`;
  return `CASE WHEN ${value.sql} IS NULL THEN 'n' ELSE 'v' || ${text} END`;
}

/** A tagged value read back in the value's type: null for a null value and where no row was found. */
function untagged(tag: string, value: SqlExpr): string {
  const text = `SUBSTRING(${tag}, 2)`;
  const back = familyOf(value.type) === 'string' ? text : `CAST(${text} AS ${baseType(value.type)})`;
  return `CASE WHEN LEFT(${tag}, 1) = 'v' THEN ${back} END`;
}

/** first_value / last_value of the frame, null included as Arquero gives it. */
const edgeValue = (fn: 'FIRST_VALUE' | 'LAST_VALUE') => ([value]: SqlExpr[], over: Over) =>
  untagged(`${fn}(${tagged(value)})${over('frame')}`, value);

/**
 * nth_value (Arquero: the row at the frame's start + nth - 1, undefined past the frame's end), tagged. Flink
 * 2.3 has no NTH_VALUE. A frame that starts `before` rows back has its nth row at the fixed offset
 * nth - 1 - before from the current row (LAG/LEAD), except in the partition's first `before` rows, where the
 * start is clipped to the first row; a frame that starts at the first row has its nth row at position nth,
 * found by the row number the verb computes in a step before (WindowScope.before).
 */
function nthTagged([value, nthArg]: SqlExpr[], over: Over, window: WindowScope | undefined): string {
  const nth = positiveConstant(nthArg, 'nth_value of row');
  if (!Number.isInteger(nth)) throw new NoWindowForm(`row ${nth} (it must be a whole number)`);
  const { before, after, peers } = window?.frame ?? { before: null, after: null, peers: false };
  if (peers && before !== null) throw new NoWindowForm('a rolling frame that starts at the ties of the current row (includePeers): its first row is not a fixed offset away');
  const rn = window && stepColumn(window, `ROW_NUMBER()${over('ordered')}`);
  if (!rn) throw new NoWindowForm('no step before this verb to number the rows in');
  const tag = tagged(value);
  const nthOfPartition = `MAX(CASE WHEN ${rn} = ${nth} THEN ${tag} END)${over('whole')}`;
  const reached = after === null ? undefined : peers ? `COUNT(*)${over('upto')} >= ${nth}` : `${rn} >= ${nth - after}`;
  const fromFirstRow = reached ? `CASE WHEN ${reached} THEN ${nthOfPartition} END` : nthOfPartition;
  if (before === null) return fromFirstRow;
  const offset = nth - 1 - before;
  const shifted = offset === 0 ? tag : `${offset > 0 ? 'LEAD' : 'LAG'}(${tag}, ${Math.abs(offset)})${over('ordered')}`;
  const inFrame = after === null || offset <= after ? shifted : 'CAST(NULL AS STRING)';
  return `CASE WHEN ${rn} > ${before} THEN ${inFrame} ELSE ${fromFirstRow} END`;
}

/** A per-row aggregate's step value, refused over a rolling frame (its rows change from row to row). */
function stepOver(window: WindowScope, what: string, sql: string): string {
  if (window.frame) throw new NoWindowForm(`a rolling frame (${what} is computed per row over whole groups only)`);
  const column = stepColumn(window, sql);
  if (!column) throw new NoWindowForm(`no step before this verb to compute ${what} in`);
  return column;
}

/**
 * op.distinct per row: Flink has no windowed COUNT(DISTINCT), but the values' dense rank in their group, computed
 * in a step before, reaches the number of distinct values; null and NaN (read as null) share one rank, as they
 * count once in Arquero.
 */
export function distinctPerRow([value]: SqlExpr[], over: Over, window: WindowScope): string {
  return `MAX(${stepOver(window, 'op.distinct()', `DENSE_RANK()${valueOrderedOver(window, value.sql)}`)})${over('whole')}`;
}

/**
 * op.array_agg_distinct per row: each value where it first appears in its group (in the table's order, a row
 * number computed in a step before), collected in that order, without null.
 */
export function firstAppearancesPerRow([value]: SqlExpr[], over: Over, window: WindowScope): string {
  const first = stepOver(window, 'op.array_agg_distinct()', `ROW_NUMBER()${sameValueOver(window, value.sql)}`);
  return `ARRAY_AGG(CASE WHEN ${first} = 1 THEN ${value.sql} END IGNORE NULLS)${over('whole')}`;
}

/** Rows in the partition (percent_rank divides by it less one). */
const PARTITION_SIZE = 'COUNT(*)$whole';

/**
 * Arquero's cume_dist: the share of rows up to the current row's last tie. Flink 2.3's CUME_DIST gives
 * row_number / size instead, ignoring ties (seen in test/windows.test.ts), so it is counted here.
 */
const CUME_DIST = `CAST(COUNT(*)$upto AS DOUBLE) / ${PARTITION_SIZE}`;

export const WINDOW_OPS: Record<string, OpDef> = {
  row_number: windowOp('ROW_NUMBER()$ordered', 'BIGINT'),
  rank: windowOp('RANK()$ranked', 'BIGINT'),
  dense_rank: windowOp('DENSE_RANK()$ranked', 'BIGINT'),
  // the mean of the ranks the ties would have: rank + (number of ties - 1) / 2
  avg_rank: windowOp('(RANK()$ranked + (COUNT(*)$peers - 1) / 2.0E0)', 'DOUBLE'),
  // Arquero: (rank - 1) / (size - 1), NaN for a partition of one row (SQL's PERCENT_RANK gives 0)
  percent_rank: windowOp(`CASE WHEN ${PARTITION_SIZE} > 1 THEN PERCENT_RANK()$ranked ELSE CAST('NaN' AS DOUBLE) END`, 'DOUBLE'),
  cume_dist: windowOp(CUME_DIST, 'DOUBLE'),
  // Arquero: ceil(num * cume_dist), which gives ties one tile; SQL's NTILE splits rows evenly and ignores ties
  ntile: windowOp((a, over) => {
    const cumeDist = CUME_DIST.replace(/\$(upto|whole)/g, (_, shape: WindowPlaceholder) => over(shape));
    return `CAST(CEIL(${positiveConstant(a[0], 'ntile of')} * ${cumeDist}) AS BIGINT)`;
  }, 'BIGINT', ['constant']),
  lag: { ...windowOp(shift('LAG'), '$0', ['any', 'constant', 'any'], 2), absent: shiftAbsent('LAG') },
  lead: { ...windowOp(shift('LEAD'), '$0', ['any', 'constant', 'any'], 2), absent: shiftAbsent('LEAD') },
  first_value: windowOp(edgeValue('FIRST_VALUE'), '$0', ['any']),
  last_value: windowOp(edgeValue('LAST_VALUE'), '$0', ['any']),
  fill_down: windowOp(fill('LAST_VALUE', 'running'), '$0', ['any', 'any'], 1),
  fill_up: windowOp(fill('FIRST_VALUE', 'remaining'), '$0', ['any', 'any'], 1),
  nth_value: {
    ...windowOp((args, over, window) => untagged(nthTagged(args, over, window), args[0]), '$0', ['any', 'constant']),
    absent: (args, over, window) => `${nthTagged(args, over, window)} IS NULL`,
  },
};
