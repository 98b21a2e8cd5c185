/**
 * A filter's `a && b && c` as separate predicates (`filter(a).filter(b).filter(c)` keeps the same rows, and in
 * JS `b` is evaluated only where `a` holds, as here). Each is a lambda with the original parameters, so that
 * SQL tests can move below UDF stages on their own (src/frame/udf-filter-pushdown.ts).
 */
import type { Node } from 'acorn';
import { parseExpr, ParseFailure } from './expr-parse.js';

type AnyNode = Node & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function conjuncts(node: AnyNode): AnyNode[] {
  return node.type === 'LogicalExpression' && node.operator === '&&' ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

/** The conjuncts as lambda source texts, or undefined if the predicate is not a conjunction of expressions. */
export function splitConjuncts(value: unknown): string[] | undefined {
  if (typeof value !== 'function') return undefined;
  let parsed: ReturnType<typeof parseExpr>;
  try {
    parsed = parseExpr(value);
  } catch (e) {
    if (e instanceof ParseFailure) return undefined;
    throw e;
  }
  const body = parsed.body as AnyNode;
  if (body.type === 'BlockStatement') return undefined;
  const parts = conjuncts(body);
  if (parts.length < 2) return undefined;
  const text = (n: AnyNode) => parsed.source.slice(n.start - parsed.offset, n.end - parsed.offset);
  // the parameters as written, from the text before the body's arrow (e.g. "(d, $)" or "({ a, b })")
  const source = parsed.source;
  const arrow = source.lastIndexOf('=>', body.start - parsed.offset);
  if (arrow < 0 || !/^\s*(\(.*\)|[\w$]+)\s*$/s.test(source.slice(0, arrow))) return undefined;
  const params = source.slice(0, arrow).trim();
  return parts.map((p) => `${params} => (${text(p)})`);
}
