/**
 * Values known before the query runs: literals, params ($.k, $.cfg.k, destructured params) and named
 * constants. They become SQL literals, name columns (d[$.col]) or expand into IN lists ($.ids.includes(d.id)).
 */
import type { Node } from 'acorn';
import { exprError, useLocal, type Ctx } from './expr-context.js';
import { CONSTANTS } from './op-registry.js';

export type Constant = { value: unknown };

/** The name a member expression reads (`.k`, `['k']`, `[$.k]`), if it is known now. */
export function propertyName(node: Node & { computed: boolean; property: Node }, ctx: Ctx): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return (node.property as Node & { name: string }).name;
  const key = constantOf(node.property, ctx);
  return key && (typeof key.value === 'string' || typeof key.value === 'number') ? String(key.value) : undefined;
}

function param(name: string, ctx: Ctx): Constant {
  if (!Object.hasOwn(ctx.scope.params, name)) {
    throw exprError(ctx, `reads the parameter "${name}", which is not set: set it with table.params({ ${name}: ... })`);
  }
  return { value: ctx.scope.params[name] };
}

/** The value of a node if it is known without the data, else undefined. Never throws for non-constants. */
export function constantOf(node: Node, ctx: Ctx): Constant | undefined {
  const n = node as Node & Record<string, never>;
  switch (node.type) {
    case 'Literal':
      return n.regex ? undefined : { value: n.value };
    case 'Identifier': {
      const name = n.name as string;
      if (ctx.locals.has(name)) return useLocal(ctx, name, (init) => constantOf(init, ctx));
      if (ctx.parsed.columnAliases.has(name)) return undefined;
      if (ctx.parsed.paramAliases.has(name)) return param(ctx.parsed.paramAliases.get(name)!, ctx);
      return Object.hasOwn(CONSTANTS, name) ? { value: CONSTANTS[name] } : undefined;
    }
    case 'MemberExpression': {
      const object = n.object as Node & { name?: string };
      if (object.type === 'Identifier' && object.name === 'Math' && !n.computed) {
        const key = `Math.${(n.property as Node & { name: string }).name}`;
        return Object.hasOwn(CONSTANTS, key) ? { value: CONSTANTS[key] } : undefined;
      }
      const name = propertyName(n as never, ctx);
      if (object.type === 'Identifier' && object.name === ctx.parsed.params && !ctx.locals.has(object.name!)) {
        return name === undefined ? undefined : param(name, ctx);
      }
      const base = object.type === 'MemberExpression' || object.type === 'Identifier' ? constantOf(object, ctx) : undefined;
      if (!base || name === undefined || base.value === null || typeof base.value !== 'object') return undefined;
      return { value: (base.value as Record<string, unknown>)[name] };
    }
    case 'ArrayExpression': {
      const items = (n.elements as unknown as (Node | null)[]).map((e) => (e && e.type !== 'SpreadElement' ? constantOf(e, ctx) : undefined));
      return items.every((i) => i) ? { value: items.map((i) => i!.value) } : undefined;
    }
    case 'ObjectExpression': {
      // a literal object of known values ({ a: 1, 'b c': 'x' }), e.g. recode's map
      const entries: [string, unknown][] = [];
      for (const p of n.properties as unknown as (Node & Record<string, never>)[]) {
        if (p.type !== 'Property' || p.kind !== 'init' || p.method) return undefined;
        const key = p.computed ? constantOf(p.key, ctx)?.value : (p.key as Node & { name?: string; value?: unknown }).name ?? (p.key as Node & { value?: unknown }).value;
        const value = constantOf(p.value, ctx);
        if (key === undefined || !value) return undefined;
        entries.push([String(key), value.value]);
      }
      return { value: Object.fromEntries(entries) };
    }
    case 'UnaryExpression': {
      if (n.operator === 'void') return { value: undefined }; // compilers write undefined as void 0
      const arg = constantOf(n.argument, ctx);
      return arg && n.operator === '-' && typeof arg.value === 'number' ? { value: -arg.value } : undefined;
    }
    default:
      return undefined;
  }
}
