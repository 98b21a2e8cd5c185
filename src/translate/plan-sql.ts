import type {
  AggregateNode, DistinctNode, FilterNode, JoinNode, LimitNode, OrderKey, PlanNode, ProjectNode, SetOpNode,
} from './plan.js';
import { quoteIdent } from './sql-text.js';
import { FlinkFrameError } from '../errors.js';

type Generator<N> = (node: N, input: (child: PlanNode) => string) => string;

const alias = (child: string) => `(${child}) AS t`;
const columnList = (names: string[]) => names.map(quoteIdent).join(', ');
const selectList = (columns: { name: string; sql: string }[]) =>
  columns.map((c) => (c.sql === quoteIdent(c.name) ? c.sql : `${c.sql} AS ${quoteIdent(c.name)}`)).join(', ');

export function orderList(order: OrderKey[]): string {
  return order.map((k) => quoteIdent(k.column) + (k.desc ? ' DESC' : '')).join(', ');
}

/** Each plan step becomes one SELECT over its input's query; Flink's optimizer merges the nesting away. */
const generators: { [K in PlanNode['kind']]: Generator<Extract<PlanNode, { kind: K }>> } = {
  source: (node) => `SELECT * FROM ${quoteIdent(node.table)}`,
  query: (node) => node.sql,
  filter: (node: FilterNode, input) => `SELECT * FROM ${alias(input(node.input))} WHERE ${node.predicate}`,
  project: (node: ProjectNode, input) => `SELECT ${selectList(node.columns)} FROM ${alias(input(node.input))}`,
  aggregate: (node: AggregateNode, input) => {
    const items = [...node.groups.map(quoteIdent), ...node.values.map((v) => `${v.sql} AS ${quoteIdent(v.name)}`)];
    const groupBy = node.groups.length ? ` GROUP BY ${columnList(node.groups)}` : '';
    return `SELECT ${items.join(', ')} FROM ${alias(input(node.input))}${groupBy}`;
  },
  distinct: (node: DistinctNode, input) => {
    const keys = columnList(node.keys);
    if (!node.order.length && node.keys.length === node.columns.length) {
      return `SELECT DISTINCT ${keys} FROM ${alias(input(node.input))}`;
    }
    const first = node.order.length ? orderList(node.order) : keys;
    const numbered = `SELECT *, ROW_NUMBER() OVER (PARTITION BY ${keys} ORDER BY ${first}) AS \`__ff_rn\` FROM ${alias(input(node.input))}`;
    return `SELECT ${columnList(node.columns)} FROM (${numbered}) AS t WHERE \`__ff_rn\` = 1`;
  },
  limit: (node: LimitNode, input) => {
    const orderBy = node.order.length ? ` ORDER BY ${orderList(node.order)}` : '';
    const limit = node.limit === null ? '' : ` LIMIT ${node.limit}`;
    const offset = node.offset ? ` OFFSET ${node.offset}` : '';
    return `SELECT * FROM ${alias(input(node.input))}${orderBy}${limit}${offset}`;
  },
  join: (node: JoinNode, input) => {
    const how = { inner: 'INNER', left: 'LEFT OUTER', right: 'RIGHT OUTER', full: 'FULL OUTER' }[node.how];
    const on = node.condition ?? (node.on.map(([l, r]) => `l.${quoteIdent(l)} = r.${quoteIdent(r)}`).join(' AND ') || 'TRUE');
    return `SELECT ${selectList(node.columns)} FROM (${input(node.left)}) AS l ${how} JOIN (${input(node.right)}) AS r ON ${on}`;
  },
  // a JavaScript UDF stage is a temporary view (src/frame/udf-stages.ts)
  udf: (node) => `SELECT * FROM ${quoteIdent(node.view)}`,
  setop: (node: SetOpNode, input) => node.inputs.map((child) => `(${input(child)})`).join(`\n${node.op}\n`),
  // a local-engine step runs on Arquero (src/local) and has no SQL: its frames never reach Flink
  arquero: (node) => {
    throw new FlinkFrameError(`${node.label}: a frame of a local-engine session has no Flink SQL; use a session({ engine: 'flink' }) frame.`);
  },
};

/** The Flink SQL query that computes a plan node. */
export function toSql(node: PlanNode): string {
  const generate = generators[node.kind] as Generator<PlanNode>;
  return generate(node, toSql);
}
