/**
 * The Flink SQL type of a JavaScript part, told from its syntax (the data is not there yet): a comparison is a
 * BOOLEAN, a string method a STRING, arithmetic a DOUBLE, ... Undefined where the syntax does not tell (an
 * array element, a variable of a nested function): then the enclosing expression must (String(...),
 * Number(...), !!(...)), or the expression is refused with that advice.
 */
import type { Node } from 'acorn';
import { canRunAsJs, jsOpType } from './js-ops.js';
import { OPS } from './op-registry.js';
import { baseType, commonType, isNumeric, isString } from './expr-types.js';

// acorn's node types are a union keyed by `type`; the table reads their fields by name
type AnyNode = Node & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type TypeOf = (node: Node) => string | undefined;

/** Types a JavaScript part may have: the result types of UDFs (src/runtime/udf-result.ts). */
const RESULT_TYPES = new Set(['BIGINT', 'INT', 'SMALLINT', 'TINYINT', 'DOUBLE', 'FLOAT', 'BOOLEAN', 'STRING']);

const METHOD_TYPES: Record<string, string> = {
  ...Object.fromEntries([
    'toUpperCase', 'toLowerCase', 'toLocaleUpperCase', 'toLocaleLowerCase', 'trim', 'trimStart', 'trimEnd',
    'padStart', 'padEnd', 'repeat', 'replace', 'replaceAll', 'charAt', 'substring', 'substr', 'normalize',
    'toFixed', 'toPrecision', 'toExponential', 'toString', 'toLocaleString', 'toISOString', 'toJSON',
    'toDateString', 'toTimeString', 'toUTCString', 'join',
  ].map((m) => [m, 'STRING'])),
  ...Object.fromEntries(['test', 'includes', 'startsWith', 'endsWith', 'every', 'some', 'has', 'isWellFormed'].map((m) => [m, 'BOOLEAN'])),
  ...Object.fromEntries(['indexOf', 'lastIndexOf', 'search', 'charCodeAt', 'codePointAt', 'findIndex', 'findLastIndex', 'localeCompare'].map((m) => [m, 'INT'])),
  ...Object.fromEntries(['getTime', 'valueOf', 'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds'].map((m) => [m, 'DOUBLE'])),
};

/** Methods whose type is the receiver's when the receiver is a string (on an array they give an array). */
const STRING_RECEIVER_METHODS = new Set(['slice', 'at', 'concat']);

/** `Name.method(...)` and global functions. */
const STATIC_TYPES: Record<string, string> = {
  'JSON.stringify': 'STRING', 'String.fromCharCode': 'STRING', 'String.fromCodePoint': 'STRING',
  'Array.isArray': 'BOOLEAN', 'Number.isNaN': 'BOOLEAN', 'Number.isFinite': 'BOOLEAN', 'Number.isInteger': 'BOOLEAN',
  'Number.isSafeInteger': 'BOOLEAN', 'Number.parseFloat': 'DOUBLE', 'Number.parseInt': 'DOUBLE', 'Date.now': 'DOUBLE',
  String: 'STRING', Number: 'DOUBLE', Boolean: 'BOOLEAN', parseFloat: 'DOUBLE', parseInt: 'DOUBLE',
  isNaN: 'BOOLEAN', isFinite: 'BOOLEAN', encodeURIComponent: 'STRING', decodeURIComponent: 'STRING',
  encodeURI: 'STRING', decodeURI: 'STRING',
};

const COMPARISONS = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=', 'in', 'instanceof']);

function opType(name: string, args: (string | undefined)[]): string | undefined {
  if (canRunAsJs(name)) return jsOpType(name, args.length);
  const def = Object.hasOwn(OPS, name) ? OPS[name] : undefined;
  if (!def || def.agg || def.window) return undefined;
  if (def.type === '$0') return args[0];
  if (def.type === 'common') return args.every((a) => a) ? commonType(args as string[]) : undefined;
  return def.type;
}

function callType(node: AnyNode, typeOf: TypeOf): string | undefined {
  const callee: AnyNode = node.callee;
  const args = (node.arguments as Node[]).map(typeOf);
  if (callee.type === 'Identifier') return STATIC_TYPES[callee.name] ?? opType(callee.name, args);
  if (callee.type !== 'MemberExpression' || callee.computed) return undefined;
  const method: string = callee.property.name;
  if (callee.object.type === 'Identifier') {
    const owner: string = callee.object.name;
    if (owner === 'op') return opType(method, args);
    if (owner === 'Math') return 'DOUBLE';
    if (Object.hasOwn(STATIC_TYPES, `${owner}.${method}`)) return STATIC_TYPES[`${owner}.${method}`];
  }
  if (Object.hasOwn(METHOD_TYPES, method)) return METHOD_TYPES[method];
  const receiver = typeOf(callee.object);
  return STRING_RECEIVER_METHODS.has(method) && receiver && isString(receiver) ? 'STRING' : undefined;
}

function binaryType(node: AnyNode, typeOf: TypeOf): string | undefined {
  const op: string = node.operator;
  if (COMPARISONS.has(op)) return 'BOOLEAN';
  if (['|', '&', '^', '<<', '>>'].includes(op)) return 'INT';
  if (op !== '+') return 'DOUBLE';
  const [l, r] = [typeOf(node.left), typeOf(node.right)];
  if ((l && isString(l)) || (r && isString(r))) return 'STRING';
  return l && r && isNumeric(l) && isNumeric(r) ? 'DOUBLE' : undefined;
}

const RULES: Record<string, (node: AnyNode, typeOf: TypeOf) => string | undefined> = {
  Literal: (n) => (n.regex ? undefined : ({ string: 'STRING', number: 'DOUBLE', boolean: 'BOOLEAN' } as Record<string, string>)[typeof n.value]),
  TemplateLiteral: () => 'STRING',
  BinaryExpression: binaryType,
  UnaryExpression: (n) => ({ '!': 'BOOLEAN', '-': 'DOUBLE', '+': 'DOUBLE', '~': 'INT', typeof: 'STRING' } as Record<string, string>)[n.operator],
  LogicalExpression: (n, typeOf) => {
    const [l, r] = [typeOf(n.left), typeOf(n.right)];
    return l && r ? commonType([l, r]) : undefined;
  },
  ConditionalExpression: (n, typeOf) => {
    const [a, b] = [typeOf(n.consequent), typeOf(n.alternate)];
    return a && b ? commonType([a, b]) : undefined;
  },
  CallExpression: callType,
  MemberExpression: (n) => (!n.computed && n.property.name === 'length' ? 'INT' : undefined),
  ChainExpression: (n, typeOf) => typeOf(n.expression),
};

/**
 * The type of a JavaScript node; `known` gives the types of the parts already decided (SQL arguments,
 * constants). Undefined if the syntax does not tell, or if it is no type a JavaScript part may return.
 */
export function jsTypeOf(node: Node, known: (node: Node) => string | undefined): string | undefined {
  const typeOf: TypeOf = (n) => known(n) ?? RULES[n.type]?.(n as AnyNode, typeOf);
  const found = typeOf(node);
  const type = found && (isString(found) ? 'STRING' : baseType(found));
  return type && RESULT_TYPES.has(type) ? type : undefined;
}
