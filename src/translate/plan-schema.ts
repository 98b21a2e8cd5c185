import type { PlanNode } from './plan.js';
import type { Field, Schema } from './schema.js';
import { quoteIdent } from './sql-text.js';

type FromInput<N> = (node: N, inputSchema: (input: PlanNode) => Schema) => Schema | undefined;

/** Steps whose columns are their input's, some of them, or renamed ones. */
const fromInput: { [K in PlanNode['kind']]?: FromInput<Extract<PlanNode, { kind: K }>> } = {
  filter: (node, input) => input(node.input),
  limit: (node, input) => input(node.input),
  distinct: (node, input) => picked(input(node.input), node.columns.map((name) => ({ name, sql: quoteIdent(name) }))),
  project: (node, input) => picked(input(node.input), node.columns),
};

/**
 * The schema of a plan step that computes no new value: what Flink's planner would answer, without asking it
 * (a planner call costs 10–100 ms, more as the plan grows). Undefined for the other steps.
 */
export function schemaFromInput(node: PlanNode, inputSchema: (input: PlanNode) => Schema): Schema | undefined {
  const derive = fromInput[node.kind] as FromInput<PlanNode> | undefined;
  return derive?.(node, inputSchema);
}

/** The input's fields a projection passes through, under their new names; undefined if it computes one. */
function picked(input: Schema, columns: readonly { name: string; sql: string }[]): Schema | undefined {
  const byQuotedName = new Map(input.map((f) => [quoteIdent(f.name), f]));
  const fields: Field[] = [];
  for (const column of columns) {
    const field = byQuotedName.get(column.sql);
    if (!field) return undefined;
    fields.push(field.name === column.name ? field : { name: column.name, type: field.type });
  }
  return fields;
}
