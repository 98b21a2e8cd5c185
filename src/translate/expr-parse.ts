/**
 * Reads what a user passes to a verb for one output (a lambda, a string expression, or an `op.*` object)
 * into a JS syntax tree with acorn, as Arquero does, and finds the names the lambda gives to the row and to
 * the params. The tree is translated as it is (expr-translate.ts); there is no second IR.
 */
import { parse, type Expression, type Node, type Pattern } from 'acorn';

export interface ParsedExpr {
  /** The user's text, quoted in errors. */
  source: string;
  /** The function body (an expression, or a block of const declarations and a return) or the string expression. */
  body: Node;
  /** Where `source` starts in the parsed text, to cut snippets out of it by node offsets. */
  offset: number;
  /** The row parameter's name ('d' in `d => d.x`); undefined if the lambda takes none. */
  row?: string;
  /** The params parameter's name ('$' in `(d, $) => $.k`). */
  params?: string;
  /** The right row's name in a join lambda ('b' in `(a, b) => a.k === b.k`; see ExprScope.join). */
  rightRow?: string;
  /** Destructured parameters: `({ x }) => x` reads column x, `(d, { k }) => k` reads param k. */
  columnAliases: Map<string, string>;
  paramAliases: Map<string, string>;
}

/** Why an input cannot be parsed (the caller words the error). */
export class ParseFailure extends Error {}

const PREFIX = '(';

/** Arquero's op objects (`op.mean('x')`) print as the lambda they stand for: `d => op.mean(d["x"])`. */
function isOpObject(value: unknown): value is object {
  const v = value as { name?: unknown; fields?: unknown; params?: unknown };
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && Array.isArray(v.fields) && Array.isArray(v.params);
}

function sourceOf(value: unknown): string {
  if (typeof value === 'function') return value.toString();
  if (typeof value === 'string') return value;
  if (isOpObject(value)) return String(value);
  if (typeof value === 'object' && value !== null && (value as { escape?: unknown }).escape) {
    throw new ParseFailure('is an aq.escape() function, which runs in JavaScript; it has no Flink SQL translation');
  }
  throw new ParseFailure(`is ${value === null ? 'null' : typeof value}; expected a function, a string expression or an op.* call`);
}

function bindParameter(node: Pattern, aliases: Map<string, string>): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type !== 'ObjectPattern') throw new ParseFailure('uses a parameter pattern that is not supported');
  for (const p of node.properties) {
    if (p.type !== 'Property' || p.value.type !== 'Identifier') throw new ParseFailure('uses a parameter pattern that is not supported');
    const key = p.key.type === 'Identifier' && !p.computed ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    if (key === undefined) throw new ParseFailure('uses a parameter pattern that is not supported');
    aliases.set(p.value.name, key);
  }
  return undefined;
}

/** `rows` is 2 for a join lambda `(a, b, $) => ...` (two rows, then the params), else 1: `(d, $) => ...`. */
export function parseExpr(value: unknown, rows: 1 | 2 = 1): ParsedExpr {
  const source = sourceOf(value);
  let expression: Expression;
  try {
    // the newline keeps a trailing // comment from swallowing the parenthesis
    const program = parse(`${PREFIX}${source}\n)`, { ecmaVersion: 'latest' });
    const statement = program.body[0];
    if (program.body.length !== 1 || statement.type !== 'ExpressionStatement') throw new Error('not an expression');
    expression = statement.expression;
  } catch {
    throw new ParseFailure(`cannot be parsed as a JavaScript expression: ${source}`);
  }
  const parsed: ParsedExpr = { source, body: expression, offset: PREFIX.length, columnAliases: new Map(), paramAliases: new Map() };
  if (expression.type !== 'ArrowFunctionExpression' && expression.type !== 'FunctionExpression') {
    // a string expression reads the row as d and params as $ (Arquero's defaults); a join's rows as a and b
    return rows === 2 ? { ...parsed, row: 'a', rightRow: 'b', params: '$' } : { ...parsed, row: 'd', params: '$' };
  }
  if (expression.async || expression.generator) throw new ParseFailure('is an async or generator function');
  if (rows === 2) {
    const [left, right, params, ...rest] = expression.params;
    if (rest.length) throw new ParseFailure('takes more than three parameters (the left row, the right row and the params)');
    if (left?.type === 'ObjectPattern' || right?.type === 'ObjectPattern') throw new ParseFailure('destructures a row; write (a, b) => a.x === b.y');
    return {
      ...parsed,
      body: expression.body,
      row: left && bindParameter(left, parsed.columnAliases),
      rightRow: right && bindParameter(right, parsed.columnAliases),
      params: params && bindParameter(params, parsed.paramAliases),
    };
  }
  const [row, params, ...rest] = expression.params;
  if (rest.length) throw new ParseFailure('takes more than two parameters (the row and the params)');
  return {
    ...parsed,
    body: expression.body,
    row: row && bindParameter(row, parsed.columnAliases),
    params: params && bindParameter(params, parsed.paramAliases),
  };
}
