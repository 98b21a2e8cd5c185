/**
 * Aggregate JavaScript UDFs in rollup: `t.groupby('k').rollup({ m: d => op.myagg(d.x), n: op.count() })`.
 * Each value that is a call of an aggregate UDF gets its own stage: a projection computes the group keys and
 * the call's arguments (Flink SQL), then a keyed stage calls the UDF once per group
 * (java/.../udf/UdafStages.java) and yields (keys, result). The other values stay one SQL aggregate, and the
 * parts are joined on the group keys (null-safe), in the order the values were given.
 */
import { parse, type Node } from 'acorn';
import { FlinkFrameError } from '../errors.js';
import { translateExpr } from '../translate/expression.js';
import type { PlanNode, UdfStageNode } from '../translate/plan.js';
import { toSql } from '../translate/plan-sql.js';
import { quoteIdent } from '../translate/sql-text.js';
import type { UdfWorkerSpec } from '../runtime/udf-spec.js';
import type { Table } from './table.js';
import type { Udf } from './udf.js';
import { workerSpec } from './udf-stages.js';
import { passThrough } from './verbs/project.js';
import { groupColumns } from './group-columns.js';
import { ordinalColumns } from './row-order.js';
import { JS_AGGREGATES, type JsAggregate } from './js-aggregates.js';

/**
 * A rollup value that calls an aggregate UDF: the UDF, and each argument as a lambda of its own. An Arquero op
 * with no exact SQL aggregate (js-aggregates.ts) has no UDF yet: it is made for its arguments' types.
 */
interface AggregateCall {
  output: string;
  name: string;
  udf?: Udf;
  builtin?: JsAggregate;
  args: string[];
  labels: string[];
}

type AnyNode = Node & Record<string, any>;

let stages = 0;

function lambdaParts(value: unknown): { params: string; body: AnyNode; text: string } | undefined {
  // an op object (op.product('v')) reads as its lambda text, d => op.product(d["v"])
  const text =
    typeof value === 'function' || typeof value === 'string' || (value !== null && typeof value === 'object' && value.toString !== Object.prototype.toString)
      ? String(value)
      : undefined;
  if (text === undefined) return undefined;
  let fn: AnyNode;
  try {
    fn = (parse(`(${text}\n)`, { ecmaVersion: 'latest' }) as AnyNode).body[0].expression;
  } catch {
    return undefined;
  }
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return undefined;
  let body: AnyNode = fn.body;
  if (body.type === 'BlockStatement') {
    if (body.body.length !== 1 || body.body[0].type !== 'ReturnStatement') return undefined;
    body = body.body[0].argument;
  }
  const src = `(${text}\n)`;
  const params = fn.params.map((p: AnyNode) => src.slice(p.start, p.end)).join(', ');
  return { params, body, text: src };
}

function calleeName(call: AnyNode): string | undefined {
  const c = call.callee;
  if (c.type === 'Identifier') return c.name;
  // op.name, or x.op.name (a bundler's or test runner's rewrite of an imported op)
  const isOp = (o: AnyNode) => (o.type === 'Identifier' && o.name === 'op') || (o.type === 'MemberExpression' && !o.computed && o.property.name === 'op');
  if (c.type === 'MemberExpression' && !c.computed && isOp(c.object)) return c.property.name;
  return undefined;
}

/** The value's aggregate UDF call, undefined for any other value; refuses a call nested in an expression. */
export function aggregateCall(table: Table, output: string, value: unknown): AggregateCall | undefined {
  const functions = table.state.session.functions;
  const aggregates = [...functions].filter(([, u]) => u.aggregate).map(([n]) => n);
  const lambda = lambdaParts(value);
  if (!lambda) return undefined;
  const { body, text, params } = lambda;
  const name = body.type === 'CallExpression' ? calleeName(body) : undefined;
  const args = (): string[] => body.arguments.map((a: AnyNode) => text.slice(a.start, a.end));
  if (name && functions.get(name)?.aggregate) {
    const udf = functions.get(name)!;
    return { output, name, udf, args: args().map((a: string) => `(${params}) => ${a}`), labels: args() };
  }
  if (name && !functions.has(name) && Object.hasOwn(JS_AGGREGATES, name)) {
    const builtin = JS_AGGREGATES[name]!;
    if (body.arguments.length !== builtin.arity) {
      throw new FlinkFrameError(`rollup: "${output}" calls op.${name}() with ${body.arguments.length} argument(s); it takes ${builtin.arity}. Expression: ${text.trim()}`);
    }
    return { output, name, builtin, args: args().map((a: string) => `(${params}) => ${a}`), labels: args() };
  }
  if (!aggregates.length) return undefined;
  const nested = aggregates.find((n) => new RegExp(`(^|[^\\w$.])(op\\.)?${n.replace(/\$/g, '\\$')}\\s*\\(`).test(text));
  if (nested) {
    throw new FlinkFrameError(`rollup: "${output}" uses the aggregate UDF ${nested}() inside a larger expression; make the call the whole value ({ ${output}: d => op.${nested}(d.x) }) and derive anything around it after the rollup. Expression: ${text.trim()}`);
  }
  return undefined;
}

/** The stage that computes one aggregate UDF call per group: keys and arguments projected, then the UDF. */
function aggregateStage(table: Table, call: AggregateCall, groups: string[]): { node: UdfStageNode; column: string } {
  const session = table.state.session;
  const id = ++stages;
  const column = `__ff_uagg${id}`;
  const scope = table.scope('rollup');
  const args = call.args.map((lambda, i) => {
    const arg = translateExpr(call.output, lambda, scope);
    if (arg.kind !== 'scalar') {
      throw new FlinkFrameError(`rollup: "${call.output}" passes an aggregate or window value (${call.labels[i]}) to the aggregate UDF ${call.name}(); it receives each group's rows: pass the column.`);
    }
    return { name: `${column}_arg${i}`, sql: arg.sql, type: arg.type };
  });
  let udf = call.udf;
  if (!udf) {
    // an Arquero op run as a JavaScript aggregate: its UDF and argument types follow the arguments' types
    // (a typed null, from a column with no values, is a null of any type); some also read the row ordinal
    const types = args.map((a) => (/^CAST\(NULL AS [^()]+\)$/.test(a.sql) ? 'NULL' : a.type));
    const ordinal = call.builtin!.ordinal ? ordinalColumns(table) : [];
    if (ordinal.length === 1) args.push({ name: `${column}_arg${args.length}`, sql: quoteIdent(ordinal[0]!), type: 'BIGINT' });
    const made = call.builtin!.make(types, ordinal.length === 1);
    udf = made.udf;
    args.forEach((a, i) => (a.sql = `CAST(${a.sql} AS ${made.casts[i]})`));
  }
  const input: PlanNode = { kind: 'project', input: table.state.node, columns: [...groups.map(passThrough), ...args.map(({ name, sql }) => ({ name, sql }))], label: `keys and arguments of ${call.name}()` };
  const view = `__ff_udf_aggregate_${id}`;
  const spec: UdfWorkerSpec = { ...workerSpec(call.name, udf, column), args: args.map((a) => a.name), argLabels: [...call.labels, ...args.slice(call.labels.length).map(() => 'row order')], keys: groups };
  const node: UdfStageNode = {
    kind: 'udf',
    input,
    view,
    label: `JavaScript aggregate UDF stage: ${call.name}(${call.labels.join(', ')}) per group of (${groups.join(', ')}) → ${column}`,
    register: () => session.engine.udfAggregateStage(toSql(input), view, JSON.stringify(spec)),
  };
  return { node, column };
}

/**
 * The rollup when some values call aggregate UDFs (undefined otherwise): `sqlRollup` computes the other
 * values as one SQL aggregate (the verb's usual path, given the values it should compute).
 */
export function rollupWithAggregateUdfs(
  table: Table,
  values: Record<string, unknown>,
  sqlRollup: (table: Table, values: Record<string, unknown>) => Table,
): Table | undefined {
  const calls = Object.entries(values).map(([output, value]) => aggregateCall(table, output, value));
  if (!calls.some(Boolean)) return undefined;
  const session = table.state.session;
  const first = calls.find(Boolean)!;
  if ((session.options.mode ?? 'batch') === 'streaming') {
    throw new FlinkFrameError(`rollup: "${first.output}" calls the aggregate UDF ${first.name}(), which runs in batch sessions only for now (a group must be complete before the UDF sees it); use session({ mode: 'batch' }) or a SQL aggregate.`);
  }
  const groups = [...table.state.groups];
  if (groupColumns(table.state).some((c, i) => c !== groups[i])) {
    throw new FlinkFrameError(`rollup: "${first.output}" calls the aggregate UDF ${first.name}() on a table grouped by a computed key or by a group column a select, rename or derive dropped or changed; derive the key as a visible column and group by it (groupby("key")) before this rollup.`);
  }
  const sqlValues = Object.fromEntries(Object.entries(values).filter((_, i) => !calls[i]));
  const parts: { alias: string; node: PlanNode }[] = [];
  // with a row ordinal (rowOrder: 'arquero') the SQL part also keeps each group's first row's, for the order
  const ordered = ordinalColumns(table).length > 0;
  const sqlPart = Object.keys(sqlValues).length || ordered ? sqlRollup(table, sqlValues) : undefined;
  const ordinal = sqlPart ? ordinalColumns(sqlPart) : [];
  if (sqlPart) parts.push({ alias: 's', node: sqlPart.state.node });
  const udfColumns = new Map<string, { alias: string; column: string }>();
  calls.forEach((call, i) => {
    if (!call) return;
    const { node, column } = aggregateStage(table, call, groups);
    const alias = `u${i}`;
    parts.push({ alias, node });
    udfColumns.set(call.output, { alias, column });
  });
  const [base, ...rest] = parts;
  const joins = rest.map(({ alias, node }) => {
    const on = groups.map((g) => `${base!.alias}.${quoteIdent(g)} IS NOT DISTINCT FROM ${alias}.${quoteIdent(g)}`).join(' AND ');
    return on ? ` JOIN (${toSql(node)}) AS ${alias} ON ${on}` : ` CROSS JOIN (${toSql(node)}) AS ${alias}`;
  });
  const select = [
    ...groups.map((g) => `${base!.alias}.${quoteIdent(g)}`),
    ...Object.keys(values).map((output) => {
      const udf = udfColumns.get(output);
      return udf ? `${udf.alias}.${quoteIdent(udf.column)} AS ${quoteIdent(output)}` : `${quoteIdent('s')}.${quoteIdent(output)}`;
    }),
    ...ordinal.map((c) => `s.${quoteIdent(c)}`),
  ];
  const sql = `SELECT ${select.join(', ')} FROM (${toSql(base!.node)}) AS ${base!.alias}${joins.join('')}`;
  const label = `rollup with aggregate UDFs: ${calls.filter(Boolean).map((c) => `${c!.output} = ${c!.name}(${c!.labels.join(', ')})`).join(', ')}`;
  return table.with({ node: { kind: 'query', sql, inputs: parts.map((p) => p.node), label }, groups: [], order: [], ordinal });
}
