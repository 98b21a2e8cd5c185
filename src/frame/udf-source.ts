/**
 * A UDF travels to its workers as source text, so it must not read variables of the scope it was written in:
 * this finds the names a function reads that are neither its own (parameters, declarations) nor JS globals,
 * so that udf() can refuse them when it is called, with a way to pass the value instead.
 */
import { parse, type Node } from 'acorn';

/** The source as an expression: method shorthand (`add(a, b) { ... }`) becomes a function expression. */
export function functionSource(fn: Function): string {
  const text = fn.toString();
  if (/\{\s*\[native code\]\s*\}\s*$/.test(text)) throw new Error('is a built-in (native) function, which has no source text to ship; wrap it: (x) => Math.abs(x)');
  if (/^class\b/.test(text)) throw new Error('is a class; pass a function');
  // a module's function may read import.meta; a method named eval only parses outside strict (module) code
  for (const candidate of [text, `function ${text}`]) {
    for (const sourceType of ['module', 'script'] as const) {
      try {
        parse(`(${candidate}\n)`, { ecmaVersion: 'latest', sourceType });
        return candidate;
      } catch {
        // try the next form
      }
    }
  }
  throw new Error(`cannot be parsed as a function: ${text}`);
}

type AnyNode = Node & Record<string, unknown>;

function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v && typeof v === 'object' && typeof (v as AnyNode).type === 'string') out.push(v as AnyNode);
    }
  }
  return out;
}

/** Every name the function binds anywhere (an over-approximation of scopes: it never refuses a bound name). */
function boundNames(node: AnyNode, names: Set<string>): void {
  const bindPattern = (p: AnyNode | null | undefined): void => {
    if (!p) return;
    if (p.type === 'Identifier') names.add(p.name as string);
    else if (p.type === 'ObjectPattern') for (const prop of p.properties as AnyNode[]) bindPattern((prop.type === 'RestElement' ? prop.argument : prop.value) as AnyNode);
    else if (p.type === 'ArrayPattern') for (const e of p.elements as AnyNode[]) bindPattern(e);
    else if (p.type === 'RestElement') bindPattern(p.argument as AnyNode);
    else if (p.type === 'AssignmentPattern') bindPattern(p.left as AnyNode);
  };
  if (node.type === 'VariableDeclarator') bindPattern(node.id as AnyNode);
  if (/Function/.test(node.type)) {
    bindPattern(node.id as AnyNode);
    for (const p of node.params as AnyNode[]) bindPattern(p);
  }
  if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') bindPattern(node.id as AnyNode);
  if (node.type === 'CatchClause') bindPattern(node.param as AnyNode);
  for (const child of children(node)) boundNames(child, names);
}

/** Identifiers read as variables: not property names, object keys or labels. */
function readNames(node: AnyNode, names: Set<string>): void {
  if (node.type === 'Identifier') {
    names.add(node.name as string);
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (!value || typeof value !== 'object') continue;
    const skip =
      ((node.type === 'MemberExpression' || node.type === 'PropertyDefinition' || node.type === 'MethodDefinition') && key === 'property' && !node.computed) ||
      ((node.type === 'Property' || node.type === 'PropertyDefinition' || node.type === 'MethodDefinition') && key === 'key' && !node.computed) ||
      (/Statement$/.test(node.type) && key === 'label');
    if (skip) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v && typeof v === 'object' && typeof (v as AnyNode).type === 'string') readNames(v as AnyNode, names);
    }
  }
}

const ALWAYS = new Set(['undefined', 'arguments', 'this']);

/** The names the function reads from outside itself that are not JS globals nor given params. */
export function freeVariables(source: string, params: Record<string, unknown>): string[] {
  const program = parse(`(${source}\n)`, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as AnyNode;
  const bound = new Set<string>();
  const read = new Set<string>();
  boundNames(program, bound);
  readNames(program, read);
  return [...read].filter((n) => !bound.has(n) && !ALWAYS.has(n) && !(n in globalThis) && !Object.hasOwn(params, n));
}
