/**
 * A UDF stage's functions run one after the other on one batch (PyFlink's UDF chaining: one round trip for
 * all of them). Each link reads shipped columns or earlier links' results by name; the reply holds every
 * link's result column, in order.
 */
import { op as arqueroOp } from 'arquero';
import { Table, type Vector } from 'apache-arrow';
import { evaluate, UdfError } from './udf-evaluate.js';
import { instantiate } from './udf-instance.js';
import type { UdfChainLink, UdfWorkerSpec } from './udf-spec.js';

type Fn = (...args: unknown[]) => unknown;

const compile = (spec: UdfWorkerSpec): Fn => instantiate(spec).call;

interface CompiledLink {
  link: UdfChainLink;
  spec: UdfWorkerSpec;
  fn: Fn;
}

/** `make` compiles one function: from its source text, or from the UDF's shipped module. */
export function compileChain(spec: UdfWorkerSpec, make: (spec: UdfWorkerSpec) => Fn = compile): CompiledLink[] {
  return spec.chain!.map((link) => {
    const params = link.arqueroOp ? { ...link.params, op: arqueroOp } : link.params;
    // a link's own shape, also where JSON dropped its undefined fields (not the stage's first function's)
    const shape = { module: link.module, form: link.form ?? 'function', bound: link.bound, aggregate: link.aggregate };
    const linkSpec: UdfWorkerSpec = { ...spec, ...link, ...shape, params, chain: undefined };
    return { link, spec: linkSpec, fn: make(linkSpec) };
  });
}

/** Every link's result over one batch, as one Arrow table of the result columns. */
export function evaluateChain(links: CompiledLink[], batch: Table): Table {
  const columns = new Map<string, Vector>();
  batch.schema.fields.forEach((f, c) => columns.set(f.name, batch.getChildAt(c)!));
  const rows = batch.numRows;
  const results: Record<string, Vector> = {};
  for (const { link, spec, fn } of links) {
    // keys by position: one column may be passed twice (f(d.a, d.a))
    const args = new Table(Object.fromEntries(link.args.map((name, i) => [String(i), columns.get(name)!])));
    const call: Fn = link.generated ? (...cols) => fn(rows, ...cols) : fn;
    let result: Vector;
    try {
      result = evaluate(call, spec, args);
    } catch (e) {
      throw located(e, link, args, links.length > 1);
    }
    columns.set(link.result, result);
    results[link.result] = result;
  }
  return new Table(results);
}

/** A generated function marks the row it failed on (expr-js.ts): the error names that row's values. */
function located(e: unknown, link: UdfChainLink, args: Table, chained: boolean): unknown {
  if (!(e instanceof UdfError)) return e;
  const row = (e.cause as { __ffRow?: unknown } | null)?.__ffRow;
  let where = e.where;
  if (typeof row === 'number') {
    const values = link.args.map((_, c) => {
      const v = args.getChildAt(c)!.get(row);
      return `${link.argLabels?.[c] ?? c}=${JSON.stringify(typeof v === 'bigint' ? Number(v) : v) ?? 'undefined'}`;
    });
    where = `on row (${values.join(', ')})`;
  }
  return new UdfError(e.cause, chained ? `in ${link.name} ${where}` : where);
}
