/**
 * Turns the UDF calls found in a verb's expressions into plan steps. For each call, in the order found (an
 * inner call before the call that reads it): a projection computes the call's arguments into hidden columns
 * (Flink SQL), then a UDF stage appends the result column. The verb's own projection then reads the result
 * columns, and `dropUdfColumns` removes the hidden ones afterwards.
 */
import { join } from 'node:path';
import { FlinkFrameError } from '../errors.js';
import { packageRoot } from '../runtime/package-root.js';
import type { UdfWorkerSpec } from '../runtime/udf-spec.js';
import { UDF_COLUMN_PREFIX, type UdfCall, type UdfScope } from '../translate/expr-udf.js';
import type { SqlExpr } from '../translate/expression.js';
import { toSql } from '../translate/plan-sql.js';
import { quoteIdent } from '../translate/sql-text.js';
import type { NamedSql, PlanNode, UdfStageNode } from '../translate/plan.js';
import type { Session } from './session.js';
import type { Table } from './table.js';
import type { Udf } from './udf.js';
import { passThrough } from './verbs/project.js';

/** The scope part a verb passes to the translator; undefined when the session has no UDFs. */
export function udfScope(table: Table): UdfScope | undefined {
  const functions = table.state.session.functions;
  return functions.size ? { functions, calls: [] } : undefined;
}

const WORKER_SCRIPT = join(packageRoot, 'dist', 'src', 'runtime', 'udf-worker.js');
let views = 0;

/** What a worker needs to run a UDF (the stage adds which input columns are its arguments). */
export function workerSpec(name: string, udf: Udf, result: string): UdfWorkerSpec {
  return {
    name,
    source: udf.source,
    vectorized: udf.vectorized,
    params: udf.params,
    returns: udf.returns,
    args: [],
    result,
    command: [process.execPath, WORKER_SCRIPT],
    batchSize: udf.batchSize,
    pipeline: udf.pipeline,
    ...udf.shapeFields(),
  };
}

function stage(session: Session, input: PlanNode, call: UdfCall, args: string[]): UdfStageNode {
  const udf = session.functions.get(call.name)!;
  if (udf.aggregate) throw new FlinkFrameError(`${call.name}(${call.labels.join(', ')}) is an aggregate UDF: call it in rollup ({ out: d => op.${call.name}(...) }), once per group.`);
  const view = `__ff_udf_stage_${++views}`;
  const spec: UdfWorkerSpec = { ...workerSpec(call.name, udf, call.column), args, argLabels: call.labels };
  return {
    kind: 'udf',
    input,
    view,
    label: `JavaScript UDF stage: ${call.name}(${call.labels.join(', ')})${udf.vectorized ? ' [vectorized]' : ' [row]'} → ${call.column}, batches of ${udf.batchSize} rows`,
    register: () => session.engine.udfStage(toSql(input), view, JSON.stringify(spec)),
  };
}

/** The table with one UDF stage per call appended (the table itself when there are no calls). */
export function withUdfStages(table: Table, scope: UdfScope | undefined): Table {
  if (!scope?.calls.length) return table;
  const session = table.state.session;
  let node = table.state.node;
  let columns = table.fullSchema().map((f) => f.name);
  for (const call of scope.calls) {
    // an argument that is a plain column is shipped as it is; any other is computed by Flink first
    const computed: NamedSql[] = [];
    const args = call.args.map((arg, i) => {
      const plain = columns.find((c) => quoteIdent(c) === arg.sql);
      if (plain !== undefined) return plain;
      const name = `${call.column}_arg${i}`;
      computed.push({ name, sql: arg.sql });
      return name;
    });
    if (computed.length) {
      node = { kind: 'project', input: node, columns: [...columns.map(passThrough), ...computed], label: `arguments of ${call.name}()` };
    }
    node = stage(session, node, call, args);
    columns = [...columns, ...computed.map((c) => c.name), call.column];
  }
  return table.with({ node });
}

/** Drops the hidden argument and result columns of UDF stages after the verb has read them. */
export function dropUdfColumns(table: Table, scope: UdfScope | undefined): Table {
  if (!scope?.calls.length) return table;
  const kept = table.fullSchema().filter((f) => !f.name.startsWith(UDF_COLUMN_PREFIX)).map((f) => passThrough(f.name));
  return table.with({ node: { kind: 'project', input: table.state.node, columns: kept, label: 'drop UDF columns' } });
}

/** A filter whose predicate calls UDFs: the stages, the filter over their results, then the hidden columns dropped. */
export function filterOnUdfResults(table: Table, condition: SqlExpr, scope: UdfScope, label: string): Table {
  if (condition.kind !== 'scalar') {
    throw new FlinkFrameError(`filter: the predicate ${label} calls a JavaScript UDF and uses an aggregate or window function; derive the UDF's result first, then filter on that column.`);
  }
  const staged = withUdfStages(table, scope);
  return dropUdfColumns(staged.with({ node: { kind: 'filter', input: staged.state.node, predicate: condition.sql, label } }), scope);
}
