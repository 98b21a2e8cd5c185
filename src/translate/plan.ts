import type { Schema } from './schema.js';

/**
 * The logical plan: an immutable tree of the steps a frame's verbs recorded. Expressions in it are already
 * Flink SQL (translated, and checked, when the verb was called).
 */
export type PlanNode =
  | SourceNode
  | QueryNode
  | FilterNode
  | ProjectNode
  | AggregateNode
  | DistinctNode
  | LimitNode
  | JoinNode
  | SetOpNode
  | UdfStageNode
  | ArqueroNode;

/** A table known to Flink by name: an in-memory frame, a file, or a registered frame. */
export interface SourceNode {
  kind: 'source';
  table: string;
  schema: Schema;
  label: string;
  /** Called once, before the first query that reads the table, to make it known to Flink. */
  register: () => void;
  /** A source that never ends (datagen without a bound, a watched folder): collect it with stream() or a limit. */
  unbounded?: boolean;
  /** In-memory columns with no values (empty or all null): STRING in Flink, but any type in expressions. */
  untyped?: string[];
}

export interface QueryNode {
  kind: 'query';
  sql: string;
  inputs: PlanNode[];
  label: string;
}

export interface FilterNode {
  kind: 'filter';
  input: PlanNode;
  predicate: string;
  label: string;
}

export interface NamedSql {
  name: string;
  sql: string;
}

export interface ProjectNode {
  kind: 'project';
  input: PlanNode;
  columns: NamedSql[];
  label: string;
}

export interface AggregateNode {
  kind: 'aggregate';
  input: PlanNode;
  groups: string[];
  values: NamedSql[];
  label: string;
}

/** Keeps the first row (by order, if any) of each distinct key; columns are the output columns. */
export interface DistinctNode {
  kind: 'distinct';
  input: PlanNode;
  keys: string[];
  order: OrderKey[];
  columns: string[];
  label: string;
}

export interface OrderKey {
  column: string;
  desc: boolean;
}

export interface LimitNode {
  kind: 'limit';
  input: PlanNode;
  order: OrderKey[];
  offset: number;
  limit: number | null;
  label: string;
}

export type JoinHow = 'inner' | 'left' | 'right' | 'full';

export interface JoinNode {
  kind: 'join';
  left: PlanNode;
  right: PlanNode;
  how: JoinHow;
  on: [string, string][];
  /** The ON condition over the aliases l and r, when it is more than key equality (a predicate join, cross). */
  condition?: string;
  /** Output columns as SQL over the aliases l and r. */
  columns: NamedSql[];
  label: string;
}

/** UNION ALL / UNION / INTERSECT / EXCEPT of inputs already projected to the same columns. */
export interface SetOpNode {
  kind: 'setop';
  op: 'UNION ALL' | 'UNION' | 'INTERSECT' | 'EXCEPT';
  inputs: PlanNode[];
  label: string;
}

/**
 * A JavaScript UDF stage: the input's rows with one column appended by a UDF running in Node worker processes.
 * Flink knows it as a temporary view, built by `register` from the input's SQL (src/frame/udf-stages.ts).
 */
export interface UdfStageNode {
  kind: 'udf';
  input: PlanNode;
  view: string;
  label: string;
  /** Called once, after the input is prepared and before the first query that reads the view. */
  register: () => void;
}

/** Whether a plan reads an unbounded source anywhere. */
export function isUnbounded(node: PlanNode): boolean {
  return node.kind === 'source' ? Boolean(node.unbounded) : inputsOf(node).some(isUnbounded);
}

/**
 * A step of a local-engine plan (session({ engine: 'local' }), src/local): an Arquero source or verb call,
 * recorded as the user made it and replayed on Arquero in-process. `inputs[0]` is a verb's input table; the
 * tables its arguments name follow, and stand in `args` as `{ tableRef: i }` (an index into `inputs`).
 */
export interface ArqueroNode {
  kind: 'arquero';
  step: string;
  args: unknown[];
  inputs: PlanNode[];
  label: string;
}

export function inputsOf(node: PlanNode): PlanNode[] {
  switch (node.kind) {
    case 'source':
      return [];
    case 'query':
    case 'setop':
    case 'arquero':
      return node.inputs;
    case 'join':
      return [node.left, node.right];
    default:
      return [node.input];
  }
}
