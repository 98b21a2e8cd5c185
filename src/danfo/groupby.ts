import { FlinkFrameError } from '../errors.js';
import { AGGREGATES } from './aggregates.js';
import { columnRef, literal } from './expr.js';
import type { DataFrame } from './frame.js';

/**
 * Danfo's groupby(keys): aggregates become one Flink GROUP BY. Output columns are the keys, then
 * `<column>_<aggregate>` as Danfo names them; groups come in no order (sortValues after).
 */
export class GroupBy {
  constructor(
    private readonly frame: DataFrame,
    readonly keys: string[],
    private readonly selected?: string[],
  ) {}

  /** The columns the aggregates apply to (default: every non-key column). */
  col(columns: string[] | string): GroupBy {
    const list = Array.isArray(columns) ? columns : [columns];
    const missing = list.filter((c) => !this.frame.columns.includes(c));
    if (missing.length) throw new FlinkFrameError(`groupby(...).col: no column ${missing.map((m) => `"${m}"`).join(', ')}.`);
    return new GroupBy(this.frame, this.keys, list);
  }

  private targets(): string[] {
    return this.selected ?? this.frame.columns.filter((c) => !this.keys.includes(c));
  }

  /** { column: 'mean' } or { column: ['sum', 'count'] }. */
  agg(ops: Record<string, string | string[]>): DataFrame {
    const values: Record<string, string> = {};
    const dtypes = this.frame.dtypes;
    for (const [column, names] of Object.entries(ops)) {
      const index = this.frame.columns.indexOf(column);
      if (index < 0) throw new FlinkFrameError(`groupby(...).agg: no column "${column}"; the columns are ${this.frame.columns.join(', ')}.`);
      for (const name of Array.isArray(names) ? names : [names]) {
        const aggregate = AGGREGATES[name];
        if (!aggregate) throw new FlinkFrameError(`groupby(...).agg: "${name}" for "${column}" is not one of ${Object.keys(AGGREGATES).join(', ')}.`);
        if (name !== 'count' && (dtypes[index] === 'string' || dtypes[index] === 'boolean')) {
          throw new FlinkFrameError(`groupby(...).agg: cannot ${name} the ${dtypes[index]} column "${column}" (as in Danfo, only count applies to it).`);
        }
        values[`${column}_${name}`] = aggregate(columnRef(column));
      }
    }
    const table = this.frame.table.groupby(...this.keys).rollup(values);
    return new (this.frame.constructor as typeof DataFrame)(table);
  }

  private each(name: string): DataFrame {
    return this.agg(Object.fromEntries(this.targets().map((c) => [c, name])));
  }

  count(): DataFrame { return this.each('count'); }
  sum(): DataFrame { return this.each('sum'); }
  mean(): DataFrame { return this.each('mean'); }
  std(): DataFrame { return this.each('std'); }
  var(): DataFrame { return this.each('var'); }
  min(): DataFrame { return this.each('min'); }
  max(): DataFrame { return this.each('max'); }
  median(): DataFrame { return this.each('median'); }

  /** The rows of one group, by its key values (in the order of the keys). */
  getGroup(values: unknown[]): DataFrame {
    if (!Array.isArray(values) || values.length !== this.keys.length) {
      throw new FlinkFrameError(`groupby(...).getGroup: give one value per key (${this.keys.join(', ')}).`);
    }
    const test = this.keys.map((k, i) => `${columnRef(k)} === ${literal(values[i], 'getGroup')}`).join(' && ');
    return new (this.frame.constructor as typeof DataFrame)(this.frame.table.filter(test));
  }
}
