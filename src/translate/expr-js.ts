/**
 * JavaScript parts of an expression. A subexpression with no Flink SQL form (a regular expression, a JS method,
 * an Arquero op Flink lacks, a nested function, ...) becomes a generated vectorized function, run in a UDF stage
 * like a registered UDF (src/frame/udf-stages.ts). Inside it, every maximal subexpression that has a SQL form and
 * reads the row (d.a, d.a * 2, op.lower(d.s)) stays Flink SQL: it is computed before the stage and shipped as
 * an argument column. Constants and params are written into the source. Names that are neither columns,
 * params, locals nor JS globals are closures, which are refused as everywhere else.
 */
import type { Node } from 'acorn';
import type { SqlExpr } from './expression.js';
import { closureError, exprError, NoTranslation, snippet, useLocal, type Ctx } from './expr-context.js';
import { constantOf } from './expr-constant.js';
import { jsTypeOf } from './expr-js-type.js';
import { udfColumn } from './expr-udf.js';
import { canRunAsJs } from './js-ops.js';
import { OPS } from './op-registry.js';
import { quoteIdent } from './sql-text.js';

// acorn's node types are a union keyed by `type`; the emitter reads their fields by name
type AnyNode = Node & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type Visit = (node: Node, ctx: Ctx) => SqlExpr;

/** Node types worth trying as SQL inside a JavaScript part (others never have a SQL form). */
const SQL_CANDIDATES = new Set([
  'Identifier', 'Literal', 'MemberExpression', 'CallExpression', 'BinaryExpression', 'LogicalExpression',
  'UnaryExpression', 'ConditionalExpression', 'TemplateLiteral',
]);

/** Names the generated code uses for itself (user code cannot reasonably collide with the prefix). */
const P = '__ff';

/** True if JavaScript parts may be made here (the verb runs UDF stages) and this is not a SQL-only attempt. */
export function jsAllowed(ctx: Ctx): boolean {
  return !!ctx.scope.udfs && !ctx.sqlOnly;
}

/** Runs `attempt`; on NoTranslation forgets the UDF calls it recorded and returns undefined (after telling `failed`). */
export function attemptSql<T>(ctx: Ctx, attempt: () => T, failed?: (e: NoTranslation) => void): T | undefined {
  const calls = ctx.scope.udfs?.calls;
  const mark = calls?.length ?? 0;
  try {
    return attempt();
  } catch (e) {
    if (!(e instanceof NoTranslation)) throw e;
    if (calls) calls.length = mark;
    failed?.(e);
    return undefined;
  }
}

/** The op name of a callee `op.name` (also `x.op.name`, as bundlers write an imported op), else undefined. */
function opMethod(callee: AnyNode): string | undefined {
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const object: AnyNode = callee.object;
  const isOp = (object.type === 'Identifier' && object.name === 'op') ||
    (object.type === 'MemberExpression' && !object.computed && object.property.type === 'Identifier' && object.property.name === 'op');
  return isOp ? callee.property.name : undefined;
}

/** A call of an Arquero aggregate or window function (op.sum(...), op.lag(...)): never a JavaScript part. */
export function runsOnlyInFlink(node: Node): boolean {
  const n = node as AnyNode;
  if (n.type !== 'CallExpression') return false;
  const callee: AnyNode = n.callee;
  const name = callee.type === 'Identifier' ? callee.name : opMethod(callee);
  const def = name !== undefined && Object.hasOwn(OPS, name) ? OPS[name] : undefined;
  return !!(def?.agg || def?.window);
}

/** A JS value as source text (params and constants are written into the generated function). */
function jsLiteral(value: unknown): string | undefined {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isFinite(value) ? `(${value})` : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '(-Infinity)';
  if (typeof value === 'bigint') return `(${value}n)`;
  if (value instanceof Date) return `(new Date(${value.getTime()}))`;
  try {
    const json = JSON.stringify(value);
    return json === undefined ? undefined : `(${json})`;
  } catch {
    return undefined;
  }
}

function literalType(value: unknown): string | undefined {
  return ({ string: 'STRING', number: 'DOUBLE', boolean: 'BOOLEAN' } as Record<string, string>)[typeof value];
}

/** Every name a nested function binds (its parameters and declarations): those stay JavaScript. */
function boundIn(node: AnyNode, names: Set<string>): void {
  const bind = (p: AnyNode | null | undefined): void => {
    if (!p) return;
    if (p.type === 'Identifier') names.add(p.name);
    else if (p.type === 'ObjectPattern') for (const prop of p.properties) bind(prop.type === 'RestElement' ? prop.argument : prop.value);
    else if (p.type === 'ArrayPattern') for (const e of p.elements) bind(e);
    else if (p.type === 'RestElement') bind(p.argument);
    else if (p.type === 'AssignmentPattern') bind(p.left);
  };
  if (node.type === 'VariableDeclarator') bind(node.id);
  if (/Function/.test(node.type)) {
    bind(node.id);
    for (const p of node.params) bind(p);
  }
  if (node.type === 'CatchClause') bind(node.param);
  for (const child of childNodes(node)) boundIn(child, names);
}

function childNodes(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v && typeof v === 'object' && typeof (v as AnyNode).type === 'string') out.push(v as AnyNode);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function readsAny(node: AnyNode, names: Set<string>): boolean {
  if (!names.size) return false;
  if (node.type === 'Identifier') return names.has(node.name);
  return childNodes(node).some((c) => !(node.type === 'MemberExpression' && c === node.property && !node.computed) && readsAny(c, names));
}

interface Emitted {
  code: string;
  type?: string;
}

/** Builds the source of one JavaScript part, collecting the SQL arguments it reads. */
class Emitter {
  readonly args: SqlExpr[] = [];
  readonly labels: string[] = [];
  arqueroOp = false;
  private readonly bound = new Set<string>();
  private readonly types = new Map<Node, string | undefined>();

  constructor(private readonly ctx: Ctx, private readonly visit: Visit) {}

  /** The node as JavaScript source; `root` is known to have no SQL form. */
  emit(node: AnyNode, root = false): Emitted {
    const out = this.emitNode(node, root);
    this.types.set(node, out.type);
    return out;
  }

  /** The type of the whole part, from its syntax and the types of its arguments. */
  typeOf(node: Node): string | undefined {
    return jsTypeOf(node, (n) => this.types.get(n));
  }

  private text(node: Node): string {
    return snippet(this.ctx, node);
  }

  private argument(value: SqlExpr, node: Node): Emitted {
    if ('value' in value) {
      const lit = jsLiteral(value.value);
      if (lit) return { code: lit, type: value.type };
    }
    if (value.kind !== 'scalar') {
      throw exprError(this.ctx, `computes ${this.text(node)} in JavaScript (a UDF stage), but it reads an aggregate or window value; derive that value first and use the column`);
    }
    let index = this.args.findIndex((a) => a.sql === value.sql);
    if (index < 0) {
      index = this.args.push(value) - 1;
      this.labels.push(this.text(node));
    }
    return { code: `${P}${index}`, type: value.type };
  }

  private trySql(node: AnyNode): SqlExpr | undefined {
    const ctx = this.ctx;
    const before = ctx.sqlOnly;
    ctx.sqlOnly = true;
    try {
      return attemptSql(ctx, () => this.visit(node, ctx));
    } finally {
      ctx.sqlOnly = before;
    }
  }

  private emitNode(node: AnyNode, root: boolean): Emitted {
    const ctx = this.ctx;
    if (node.type === 'Identifier') {
      const identifier = this.identifier(node);
      if (identifier) return identifier;
    }
    if (!readsAny(node, this.bound)) {
      const known = node.type === 'Literal' && node.regex ? undefined : constantOf(node, ctx);
      if (known) {
        const lit = jsLiteral(known.value);
        if (lit) return { code: lit, type: literalType(known.value) };
      }
      if (this.isUdfCall(node)) {
        // a registered UDF runs in its own stage (its arguments may have JavaScript parts of their own)
        return this.argument(this.visit(node, ctx), node);
      }
      if (!root && SQL_CANDIDATES.has(node.type) && !(node.type === 'Literal' && node.regex)) {
        const sql = this.trySql(node);
        if (sql) return this.argument(sql, node);
      }
    }
    return { code: this.splice(node) };
  }

  /** Identifiers that are not columns, params or locals: JS globals and names of nested functions. */
  private identifier(node: AnyNode): Emitted | undefined {
    const ctx = this.ctx;
    const name: string = node.name;
    if (this.bound.has(name)) return { code: name };
    if (ctx.locals.has(name)) {
      if (readsAny(ctx.locals.get(name) as AnyNode, this.bound)) return undefined;
      const sql = this.trySql(node);
      if (sql) return this.argument(sql, node);
      return useLocal(ctx, name, (init) => {
        const inner = this.emit(init as AnyNode);
        return { code: `(${inner.code})`, type: inner.type ?? this.typeOf(init) };
      });
    }
    if (ctx.parsed.columnAliases.has(name) || ctx.parsed.paramAliases.has(name)) return undefined;
    if (name === ctx.parsed.params) return { code: jsLiteral(ctx.scope.params) ?? 'undefined' };
    if (name === ctx.parsed.row) throw exprError(ctx, `uses the whole row ${name} in JavaScript (${snippet(ctx, node)}); read its columns by name (${name}.x)`);
    if (name === 'op') {
      this.arqueroOp = true;
      return { code: 'op' };
    }
    if (name in globalThis || name === 'undefined') return { code: name };
    throw closureError(ctx, name);
  }

  private isUdfCall(node: AnyNode): boolean {
    if (node.type !== 'CallExpression') return false;
    const callee: AnyNode = node.callee;
    const name = callee.type === 'Identifier' ? callee.name : opMethod(callee);
    return name !== undefined && !this.bound.has(name) && !!this.ctx.scope.udfs?.functions.has(name);
  }

  /** The node's source with each child replaced by its emitted code. */
  private splice(node: AnyNode): string {
    if (/Function/.test(node.type)) {
      const names = new Set<string>();
      boundIn(node, names);
      const added = [...names].filter((n) => !this.bound.has(n));
      added.forEach((n) => this.bound.add(n));
      try {
        return this.spliceChildren(node, childNodes(node).filter((c) => c !== node.id && !node.params.includes(c)));
      } finally {
        added.forEach((n) => this.bound.delete(n));
      }
    }
    if (node.type === 'Property' && node.shorthand) return `${node.key.name}: ${this.emit(node.value).code}`;
    return this.spliceChildren(node, this.codeChildren(node));
  }

  /** The children that are code (not property names, labels or the template's text). */
  private codeChildren(node: AnyNode): AnyNode[] {
    const children = childNodes(node);
    switch (node.type) {
      case 'MemberExpression':
        return node.computed ? children : [node.object];
      case 'Property':
      case 'PropertyDefinition':
      case 'MethodDefinition':
        return node.computed ? children : children.filter((c) => c !== node.key);
      case 'TemplateLiteral':
        return node.expressions;
      case 'CallExpression':
      case 'NewExpression':
        return [this.calleeChild(node), ...node.arguments].filter((c): c is AnyNode => !!c);
      case 'LabeledStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
        return children.filter((c) => c !== node.label);
      case 'VariableDeclarator':
        return node.init ? [node.init] : [];
      default:
        return children;
    }
  }

  /**
   * A call's callee: `op.name` (Arquero's op in the worker), a bare Arquero op name (rewritten to op.name by
   * splice's caller below), or any other expression (a method's receiver is code).
   */
  private calleeChild(node: AnyNode): AnyNode | undefined {
    const callee: AnyNode = node.callee;
    const method = opMethod(callee);
    if (method !== undefined && !this.bound.has('op')) {
      this.checkOp(method, node);
      this.arqueroOp = true;
      opCallees.add(callee);
      return undefined;
    }
    if (callee.type === 'Identifier' && !this.bound.has(callee.name) && !(callee.name in globalThis) && (Object.hasOwn(OPS, callee.name) || canRunAsJs(callee.name))) {
      this.checkOp(callee.name, node);
      this.arqueroOp = true;
      bareOps.add(callee);
      return undefined;
    }
    return callee;
  }

  private checkOp(name: string, node: Node): void {
    const def = Object.hasOwn(OPS, name) ? OPS[name] : undefined;
    if (def?.agg || def?.window) {
      throw exprError(this.ctx, `calls ${name}() inside JavaScript (${snippet(this.ctx, node)}); aggregate and window functions run in Flink: compute them on their own (derive or rollup) and use the column`);
    }
    if (!def && !canRunAsJs(name)) throw exprError(this.ctx, `calls op.${name}() (${snippet(this.ctx, node)}), which is not an Arquero function`);
  }

  private spliceChildren(node: AnyNode, children: AnyNode[]): string {
    const offset = this.ctx.parsed.offset;
    const source = this.ctx.parsed.source;
    let code = '';
    let at = node.start;
    for (const child of children.sort((a, b) => a.start - b.start)) {
      code += source.slice(at - offset, child.start - offset) + this.emit(child).code;
      at = child.end;
    }
    code += source.slice(at - offset, node.end - offset);
    if (node.type === 'CallExpression' && bareOps.has(node.callee)) code = `op.${code}`;
    // `x.op.name(...)` (an imported op, as bundlers write it) is the worker's op.name(...)
    if (node.type === 'CallExpression' && opCallees.has(node.callee)) code = `op.${node.callee.property.name}${code.slice(node.callee.end - node.start)}`;
    return code;
  }
}

/** Bare Arquero op names used as callees (`match(d.s, re)`), written as op.match in the generated code. */
const bareOps = new WeakSet<Node>();
const opCallees = new WeakSet<Node>();

/** Reads every argument column as the JS values Arquero would see: numbers (64-bit too), strings, Dates, null. */
const READ_COLUMN = `(c) => {
    if (c instanceof BigInt64Array || c instanceof BigUint64Array) { const a = new Array(c.length); for (let i = 0; i < c.length; i++) a[i] = Number(c[i]); return a; }
    if (ArrayBuffer.isView(c)) return c;
    const date = c.type && (c.type.typeId === 8 || c.type.typeId === 10);
    const a = new Array(c.length);
    for (let i = 0; i < c.length; i++) { const v = c.get(i); a[i] = v == null ? null : typeof v === 'bigint' ? Number(v) : date ? new Date(v) : v; }
    return a;
  }`;

/** The generated function: per batch, the argument columns as JS values, then the part's code per row. */
function functionSource(code: string, args: number): string {
  const indexes = Array.from({ length: args }, (_, i) => i);
  const columns = indexes.map((i) => `${P}c${i}`);
  return [
    `(${P}n${columns.map((c) => `, ${c}`).join('')}) => {`,
    `  const ${P}read = ${READ_COLUMN};`,
    ...indexes.map((i) => `  const ${P}a${i} = ${P}read(${P}c${i});`),
    `  const ${P}out = new Array(${P}n);`,
    `  for (let ${P}i = 0; ${P}i < ${P}n; ${P}i++) {`,
    ...indexes.map((i) => `    const ${P}${i} = ${P}a${i}[${P}i];`),
    `    try { ${P}out[${P}i] = (${code}); } catch (e) { if (e !== null && typeof e === 'object') e.${P}Row = ${P}i; throw e; }`,
    '  }',
    `  return ${P}out;`,
    '}',
  ].join('\n');
}

/**
 * The node as a JavaScript part: records the generated function as a UDF call and returns the SQL that reads
 * its result column. `truth` asks for the part's JS truthiness (a filter's test) as a BOOLEAN.
 */
export function jsPart(node: Node, ctx: Ctx, visit: Visit, truth = false): SqlExpr {
  const udfs = ctx.scope.udfs!;
  const emitter = new Emitter(ctx, visit);
  const emitted = emitter.emit(node as AnyNode, true);
  const type = truth ? 'BOOLEAN' : emitter.typeOf(node);
  if (!type) {
    throw new NoTranslation(exprError(ctx, `computes ${snippet(ctx, node)} in JavaScript, and its result type cannot be told from the expression: ` +
      'convert it with String(...), Number(...) or !!(...), or register a function with a declared type: addFunction(name, udf(fn, { returns }))').message);
  }
  const code = truth ? `!!(${emitted.code})` : emitted.code;
  const args = emitter.args.length ? emitter.args : [{ sql: 'TRUE', type: 'BOOLEAN', kind: 'scalar' as const, columns: [] }];
  const labels = emitter.args.length ? emitter.labels : ['true'];
  const column = udfColumn();
  const name = `js ${snippet(ctx, node).replace(/\s+/g, ' ').slice(0, 200)}`;
  udfs.calls.push({
    name, args, labels, column,
    inline: { generated: true, arqueroOp: emitter.arqueroOp, source: functionSource(code, args.length), returns: type, vectorized: true, params: {} },
  });
  return { sql: quoteIdent(column), type, kind: 'scalar', columns: [...new Set(args.flatMap((a) => a.columns))] };
}
