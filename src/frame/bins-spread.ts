/**
 * `op.bin(d.x, ...op.bins(d.x, 20))` (and Arquero's `bin('x', { maxbins: 20 })` helper, which writes that): the
 * spread of the array-valued aggregate `bins` has no SQL form, but its value is three constants for the table.
 * A pre-query reads the column's MIN and MAX (a small Flink job at the call, shown in explain()), Arquero's own
 * bins op turns them into [start, stop, step] with the same options, and the spread becomes those numbers.
 */
import { parse, type Node } from 'acorn';
import * as aq from 'arquero';
import { FlinkFrameError } from '../errors.js';
import { preQuery } from './pre-query.js';
import type { Table } from './table.js';

type AnyNode = Node & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The lambda text of a value (a function, a string, or an op object such as bin('x') gives), if it has one. */
function lambdaText(value: unknown): string | undefined {
  if (typeof value === 'function' || typeof value === 'string') return String(value);
  if (value !== null && typeof value === 'object' && value.toString !== Object.prototype.toString) return String(value);
  return undefined;
}

const isBinsCall = (node: AnyNode) => {
  if (node.type !== 'CallExpression') return false;
  const c = node.callee;
  if (c.type === 'Identifier') return c.name === 'bins';
  return c.type === 'MemberExpression' && !c.computed && c.property.name === 'bins';
};

/** Every `...bins(...)` spread in the tree. */
function binsSpreads(node: AnyNode, found: AnyNode[] = []): AnyNode[] {
  if (!node || typeof node !== 'object') return found;
  if (node.type === 'SpreadElement' && isBinsCall(node.argument)) found.push(node);
  for (const [key, child] of Object.entries(node)) {
    if (key === 'start' || key === 'end') continue;
    if (Array.isArray(child)) child.forEach((c) => binsSpreads(c, found));
    else if (child && typeof child === 'object' && typeof (child as AnyNode).type === 'string') binsSpreads(child as AnyNode, found);
  }
  return found;
}

/** A constant option of bins (maxbins, nice, minstep, step): a number, boolean, null or undefined literal. */
function constant(node: AnyNode, text: string): unknown {
  if (node.type === 'Literal') return node.value;
  if (node.type === 'Identifier' && node.name === 'undefined') return undefined;
  if (node.type === 'UnaryExpression' && node.operator === '-' && node.argument.type === 'Literal') return -node.argument.value;
  throw new FlinkFrameError(`bins(): its options must be literal numbers or booleans to be read before the query runs; got ${text.slice(node.start, node.end)}.`);
}

/** Extents already read, per plan and field: two keys binned alike (b0, b1 of a histogram) cost one job. */
const extents = new WeakMap<object, Map<string, { lo: number | null; hi: number | null }>>();

/** The column's MIN and MAX over the whole table, by a pre-query. */
function extentOf(table: Table, verb: string, params: string, field: string): { lo: number | null; hi: number | null } {
  const known = extents.get(table.state.node) ?? new Map<string, { lo: number | null; hi: number | null }>();
  extents.set(table.state.node, known);
  const key = `(${params}) => ${field}`;
  if (!known.has(key)) {
    const [range] = preQuery(
      table.ungroup().rollup({ lo: `(${params}) => op.min(${field})`, hi: `(${params}) => op.max(${field})` }),
      `${verb} (bins of ${field})`,
    );
    known.set(key, { lo: range?.lo == null ? null : Number(range.lo), hi: range?.hi == null ? null : Number(range.hi) });
  }
  return known.get(key)!;
}

/**
 * The value with each `...bins(field, options...)` spread replaced by its [start, stop, step] for the table
 * (read by a pre-query); the value itself when it has none.
 */
export function resolveBinsSpreads(table: Table, verb: string, value: unknown): unknown {
  const text = lambdaText(value);
  if (text === undefined || !/\.\.\.\s*(\w+\s*\.\s*)*bins\s*\(/.test(text)) return value;
  const source = `(${text}\n)`;
  let fn: AnyNode;
  try {
    fn = (parse(source, { ecmaVersion: 'latest' }) as AnyNode).body[0].expression;
  } catch {
    return value;
  }
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return value;
  const spreads = binsSpreads(fn.body);
  if (!spreads.length) return value;
  if (table.isGrouped()) {
    throw new FlinkFrameError(`${verb}: ...bins() on a grouped table would bin each group on its own range; ungroup first, or give the bins as numbers (bin(d.x, start, stop, step)). Expression: ${text}`);
  }
  const params = fn.params.map((p: AnyNode) => source.slice(p.start, p.end)).join(', ');
  let out = source;
  for (const spread of [...spreads].sort((a, b) => b.start - a.start)) {
    const [field, ...options] = spread.argument.arguments as AnyNode[];
    if (!field) throw new FlinkFrameError(`${verb}: bins() needs the column to bin, e.g. ...bins(d.x, 20). Expression: ${text}`);
    const fieldText = source.slice(field.start, field.end);
    const { lo, hi } = extentOf(table, verb, params, fieldText);
    // Arquero's bins op over the column's extent gives Arquero's bins for the column (it reads only min and max)
    const extent = aq.table({ v: lo === null ? [] : [lo, hi] });
    const args = options.map((o) => constant(o, source));
    const binsOf = aq.op.bins as unknown as (...a: unknown[]) => never;
    const [bins] = extent.rollup({ b: binsOf('v', ...args) }).array('b') as unknown as [number[]];
    const numbers = (bins ?? [null, null, null]).map((n) => (n == null || !Number.isFinite(n) ? 'NaN' : String(n)));
    out = out.slice(0, spread.start) + numbers.join(', ') + out.slice(spread.end);
  }
  return out.slice(1, -2);
}
