/**
 * The three shapes a UDF may be written in, reduced to one source text the worker rebuilds:
 * a function (`(a, b) => a + b`), an object with `eval` and optional `open(ctx)` / `close()` methods, or a
 * class whose instances have them. Objects and classes can keep state between calls (`this.seen`), which
 * open(ctx) sets up once per worker, e.g. metrics.
 */
import { parse } from 'acorn';
import type { UdfForm } from '../runtime/udf-spec.js';
import { functionSource } from './udf-source.js';

export interface UdfShape {
  form: UdfForm;
  source: string;
  /** The source of the function called per row or batch (to name its parameters and check closures). */
  evalSource: string;
}

const LIFECYCLE = ['open', 'close'];

function isClass(value: unknown): value is Function {
  return typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
}

/** A class: its source must define eval (on the class or a base it names, which cannot travel: refused). */
function classShape(cls: Function): UdfShape {
  const source = Function.prototype.toString.call(cls);
  const proto = cls.prototype as Record<string, unknown>;
  if (typeof proto.eval !== 'function') throw new Error('is a class without an eval(...) method; add eval(...args) { return ... }');
  if (Object.getPrototypeOf(proto) !== Object.prototype) {
    throw new Error('is a class that extends another class; UDF classes travel as source text, so write one class with open, eval and close');
  }
  return { form: 'class', source, evalSource: functionSource(proto.eval as Function) };
}

function parses(text: string): boolean {
  try {
    parse(text, { ecmaVersion: 'latest' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A method as an object member: method shorthand (`eval(a) {...}`, `async open(ctx) {...}`) is kept as it is
 * (a function named eval would be a syntax error in the worker's strict mode), any other function is `key: source`.
 */
function memberSource(key: string, fn: Function): string {
  const text = fn.toString();
  if (parses(`({ ${text}\n})`) && !parses(`(${text}\n)`)) return text;
  return `${JSON.stringify(key)}: ${functionSource(fn)}`;
}

function dataMember(key: string, value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error(`has the property ${key}, which is neither a method nor a JSON value`);
  return `${JSON.stringify(key)}: ${text}`;
}

/** The eval method as a function expression, to read its parameters (acorn parses sloppy-mode scripts). */
function evalSourceOf(fn: Function): string {
  const text = fn.toString();
  if (parses(`(${text}\n)`)) return text;
  return `(${text.startsWith('async') ? 'async ' : ''}function ${text.replace(/^async\s+/, '').replace(/^\*\s*/, '')})`;
}

/** An object literal: its methods travel as source, its other properties as JSON. */
function objectShape(object: Record<string, unknown>): UdfShape {
  if (typeof object.eval !== 'function') throw new Error('is an object without an eval(...) method; write { open(ctx) {...}, eval(a, b) {...}, close() {...} }');
  const members: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (LIFECYCLE.includes(key) && typeof value !== 'function') throw new Error(`has ${key} that is not a function`);
    members.push(typeof value === 'function' ? memberSource(key, value) : dataMember(key, value));
  }
  const source = `({ ${members.join(',\n')} })`;
  parse(source, { ecmaVersion: 'latest' }); // a method that does not survive the rewrite fails here, not in a worker
  return { form: 'object', source, evalSource: evalSourceOf(object.eval as Function) };
}

/** The shape of what was passed to udf(); throws a sentence fragment ("is a ...") for the caller to prefix. */
export function udfShape(value: unknown): UdfShape {
  if (isClass(value)) return classShape(value);
  if (typeof value === 'function') {
    const source = functionSource(value);
    return { form: 'function', source, evalSource: source };
  }
  if (value && typeof value === 'object') return objectShape(value as Record<string, unknown>);
  throw new Error(`is ${value === null ? 'null' : typeof value}; pass a function, an object with eval(...) or a class`);
}

/** The names of the eval function's parameters, in order (undefined for a destructured or rest parameter). */
export function parameterNames(evalSource: string): (string | undefined)[] {
  // module code (import.meta) parses as a module; a method named eval only as a script
  const text = `(${evalSource}\n)`;
  const program = parseEither(text) as unknown as {
    body: { expression: { params: { type: string; name?: string; left?: { type: string; name?: string } }[] } }[];
  };
  return program.body[0]!.expression.params.map((p) => {
    if (p.type === 'Identifier') return p.name;
    if (p.type === 'AssignmentPattern' && p.left?.type === 'Identifier') return p.left.name;
    return undefined;
  });
}

function parseEither(text: string): ReturnType<typeof parse> {
  try {
    return parse(text, { ecmaVersion: 'latest', sourceType: 'module' });
  } catch {
    return parse(text, { ecmaVersion: 'latest' });
  }
}
