/**
 * Arquero aggregate ops that have no exact Flink SQL aggregate, run in rollup as JavaScript aggregates through
 * the aggregate UDF runtime (udf-aggregate-rollup.ts, java/.../udf/UdafStages.java): once per group, over the
 * group's values. Each function is self-contained (it travels to the UDF workers as its source text), skips
 * invalid values (null, undefined, NaN) as Arquero's aggregates do, and gives null where Arquero gives
 * undefined. Values arrive as typed arrays, or Arrow vectors where a column holds nulls: both iterate.
 */
import { FlinkFrameError } from '../errors.js';
import { baseType, familyOf } from '../translate/expr-types.js';
import { resultTypeKey } from '../runtime/udf-result.js';
import { Udf } from './udf.js';

/** An exact product: bigint columns (BIGINT) multiply as bigints, other numbers as doubles. */
function product(values: Iterable<unknown>): unknown {
  let result: any = null; // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const v of values) {
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    result = result === null ? v : result * (v as number);
  }
  return result;
}

/**
 * The most frequent valid value; a tie goes to the value seen first, by the row ordinal when the table keeps
 * Arquero's order (`order`), else by arrival (which Flink does not promise).
 */
function mode(values: Iterable<unknown>, order?: Iterable<unknown>): unknown {
  const ranks = order ? Array.from(order, Number) : undefined;
  const seen = new Map<unknown, { v: unknown; n: number; first: number }>();
  let i = 0;
  for (const v of values) {
    const at = ranks ? ranks[i]! : i;
    i += 1;
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    const entry = seen.get(v);
    if (!entry) seen.set(v, { v, n: 1, first: at });
    else {
      entry.n += 1;
      if (at < entry.first) entry.first = at;
    }
  }
  let best: { v: unknown; n: number; first: number } | undefined;
  for (const e of seen.values()) if (!best || e.n > best.n || (e.n === best.n && e.first < best.first)) best = e;
  return best ? best.v : null;
}

/**
 * The co-moments of the valid (x, y) pairs, updated one pair at a time (Welford's method), and the statistic
 * `which` of them: 0 sample covariance, 1 population covariance, 2 Pearson correlation.
 */
function comoments(xs: Iterable<unknown>, ys: Iterable<unknown>, which: number): number | null {
  const invalid = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
  const ya = Array.from(ys);
  let n = 0, mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0, i = 0; // prettier-ignore
  for (const xv of xs) {
    const yv = ya[i++];
    if (invalid(xv) || invalid(yv)) continue;
    const x = Number(xv), y = Number(yv); // prettier-ignore
    n += 1;
    const dx = x - mx;
    const dy = y - my;
    mx += dx / n;
    my += dy / n;
    const dy2 = y - my;
    sxx += dx * (x - mx);
    syy += dy * dy2;
    sxy += dx * dy2;
  }
  if (n < 2) return null;
  if (which === 0) return sxy / (n - 1);
  if (which === 1) return sxy / n;
  return sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
}

export interface JsAggregate {
  arity: number;
  /** Also pass the row ordinal (rowOrder: 'arquero'), as a last argument, where there is one. */
  ordinal?: boolean;
  /** The UDF for arguments of these Flink SQL types, and the SQL type each argument is cast to. */
  make(types: string[], withOrdinal: boolean): { udf: Udf; casts: string[] };
}

const numeric = (op: string, type: string, i: number) => {
  const family = familyOf(type);
  if (!['integer', 'float', 'decimal', 'null'].includes(family)) {
    throw new FlinkFrameError(`op.${op}() takes numbers; argument ${i + 1} is ${type}. Convert it first, e.g. with op.parse_float().`);
  }
  return family;
};

/** A two-argument statistic over pairs: the helper travels with it (params cannot carry functions). */
function pairStatistic(op: string, which: number): JsAggregate {
  const source = `(xs, ys) => (${comoments.toString()})(xs, ys, ${which})`;
  return {
    arity: 2,
    make: (types) => {
      types.forEach((t, i) => numeric(op, t, i));
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      const fn = new Function(`return ${source}`)() as Function;
      return { udf: new Udf(fn, { returns: 'DOUBLE', aggregate: true }), casts: ['DOUBLE', 'DOUBLE'] };
    },
  };
}

/** The ops, by Arquero name. */
export const JS_AGGREGATES: Record<string, JsAggregate> = {
  product: {
    arity: 1,
    make: ([type]) => {
      const whole = numeric('product', type ?? 'NULL', 0) === 'integer';
      return { udf: new Udf(product, { returns: whole ? 'BIGINT' : 'DOUBLE', aggregate: true }), casts: [whole ? 'BIGINT' : 'DOUBLE'] };
    },
  },
  mode: {
    arity: 1,
    ordinal: true,
    make: ([type], withOrdinal) => {
      const family = familyOf(type ?? 'NULL');
      const returns = family === 'null' ? 'DOUBLE' : resultTypeKey(baseType(type!));
      if (!returns) throw new FlinkFrameError(`op.mode() of a ${type} column has no JavaScript aggregate form yet (its values cannot be returned); convert them first, e.g. with String().`);
      return { udf: new Udf(mode, { returns, aggregate: true }), casts: [returns, ...(withOrdinal ? ['BIGINT'] : [])] };
    },
  },
  covariance: pairStatistic('covariance', 0),
  covariancep: pairStatistic('covariancep', 1),
  corr: pairStatistic('corr', 2),
};
