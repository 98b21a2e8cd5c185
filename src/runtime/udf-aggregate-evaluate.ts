/**
 * Runs an aggregate UDF over one Arrow batch of whole groups: the batch holds the argument columns, then the
 * group index of each row (groups are contiguous), then the group key columns. The function is called once per
 * group with one array per argument (a typed array when the column is numeric without nulls, else an Arrow
 * vector) and returns one value; the result has one value per group.
 */
import type { Table, Vector } from 'apache-arrow';
import { rowText, UdfError, vectorArg } from './udf-evaluate.js';
import { BadResult, resultVector } from './udf-result.js';
import type { UdfWorkerSpec } from './udf-spec.js';

type Fn = (...args: unknown[]) => unknown;

/** [start, end) row ranges of the groups, from the group index column. */
function groupRanges(groups: Vector, rows: number): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (let i = 1; i <= rows; i++) {
    if (i === rows || groups.get(i) !== groups.get(i - 1)) {
      ranges.push([start, i]);
      start = i;
    }
  }
  return ranges;
}

/** One argument's whole column, sliced per group (typed arrays without copying). */
function slicer(column: Vector): (start: number, end: number) => unknown {
  const whole = vectorArg(column);
  if (ArrayBuffer.isView(whole)) return (start, end) => (whole as unknown as Int32Array).subarray(start, end);
  return (start, end) => column.slice(start, end);
}

export function evaluateAggregate(fn: Fn, spec: UdfWorkerSpec, batch: Table): Vector {
  const rows = batch.numRows;
  const nargs = spec.args.length;
  const columns = batch.schema.fields.map((_, c) => batch.getChildAt(c)!);
  const args = columns.slice(0, nargs);
  const keys = columns.slice(nargs + 1);
  const ranges = rows ? groupRanges(columns[nargs]!, rows) : [[0, 0] as [number, number]];
  const slices = args.map(slicer);
  const where = (g: number) => {
    const [start, end] = ranges[g]!;
    const key = keys.length ? ` ${rowText(keys, spec.keys ?? keys.map((_, k) => `key${k}`), start)}` : '';
    const first = end > start ? ` starting with ${rowText(args, spec.argLabels ?? spec.args, start)}` : '';
    return `on the group${key} of ${end - start} rows${first}`;
  };
  const out = new Array(ranges.length);
  for (let g = 0; g < ranges.length; g++) {
    const [start, end] = ranges[g]!;
    try {
      out[g] = fn(...slices.map((slice) => slice(start, end)));
    } catch (e) {
      throw new UdfError(e, where(g));
    }
    if (out[g] !== null && typeof out[g] === 'object' && typeof (out[g] as ArrayLike<unknown>).length === 'number') {
      throw new UdfError(new BadResult(`returned ${(out[g] as object).constructor?.name ?? 'an array'}; an aggregate UDF returns one value per group`), where(g));
    }
  }
  try {
    return resultVector(out, ranges.length, spec.returns);
  } catch (e) {
    const g = e instanceof BadResult ? e.row : undefined;
    throw new UdfError(e, g === undefined ? `on a batch of ${ranges.length} groups` : where(g));
  }
}

