import type { Series } from './series.js';
import { literal } from './expr.js';

/**
 * Danfo's `series.str` methods, each an Arquero string op (translated to Flink SQL). JS string semantics:
 * positions are 0-based, replace replaces the first match.
 */
export class StrMethods {
  constructor(
    private readonly series: Series,
    private readonly make: (expr: string) => Series,
  ) {}

  private call(op: string, ...args: unknown[]): Series {
    const rest = args.map((a) => `, ${literal(a, `str.${op}(${this.series.name})`)}`).join('');
    return this.make(`op.${op}(${this.series.expr}${rest})`);
  }

  toLowerCase(): Series { return this.call('lower'); }
  toUpperCase(): Series { return this.call('upper'); }
  trim(): Series { return this.call('trim'); }
  len(): Series { return this.call('length'); }
  startsWith(prefix: string): Series { return this.call('startswith', prefix); }
  endsWith(suffix: string): Series { return this.call('endswith', suffix); }
  includes(part: string): Series { return this.call('includes', part); }
  indexOf(part: string): Series { return this.call('indexof', part); }
  lastIndexOf(part: string): Series { return this.call('lastindexof', part); }
  substring(start: number, end?: number): Series { return end === undefined ? this.call('substring', start) : this.call('substring', start, end); }
  slice(start: number, end?: number): Series { return end === undefined ? this.call('slice', start) : this.call('slice', start, end); }
  substr(start: number, length: number): Series { return this.call('substring', start, start + length); }
  charAt(index: number): Series { return this.call('substring', index, index + 1); }
  replace(search: string, replacement: string): Series { return this.call('replace', search, replacement); }
  repeat(times: number): Series { return this.call('repeat', times); }
  /** Danfo's concat(other, position): position 1 appends, 0 prepends. */
  concat(other: string, position = 1): Series {
    const text = literal(other, `str.concat(${this.series.name})`);
    return this.make(position === 0 ? `(${text} + ${this.series.expr})` : `(${this.series.expr} + ${text})`);
  }
}
