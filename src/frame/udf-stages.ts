/**
 * Turns the UDF calls found in a verb's expressions (registered UDFs and generated JavaScript parts) into plan
 * steps. Calls are grouped into stages, in the order found (an inner call before the call that reads it): a
 * projection computes the stage's arguments into hidden columns (Flink SQL), then a UDF stage ships the
 * columns its functions read to a worker, which runs them one after the other on each batch (one round trip)
 * and appends their result columns. The verb's own step then reads the results, and `dropUdfColumns` removes
 * the hidden columns afterwards. A call starts a new stage when it reads a previous call's result through SQL,
 * when it is of the other kind (row or vectorized; udf-plan-switches.ts), when it comes from another module file
 * than a function of the stage (a worker loads one), or when chaining is switched off.
 */
import { FlinkFrameError } from '../errors.js';
import type { UdfWorkerSpec } from '../runtime/udf-spec.js';
import { UDF_COLUMN_PREFIX, type UdfCall, type UdfDef, type UdfScope } from '../translate/expr-udf.js';
import type { SqlExpr } from '../translate/expression.js';
import { toSql } from '../translate/plan-sql.js';
import { quoteIdent } from '../translate/sql-text.js';
import type { NamedSql, PlanNode, UdfStageNode } from '../translate/plan.js';
import type { Session } from './session.js';
import type { Table } from './table.js';
import type { Udf } from './udf.js';
import { DEFAULT_BATCH_SIZE } from './udf.js';
import { filterNode } from './udf-filter-pushdown.js';
import { udfPlanSwitches } from './udf-plan-switches.js';
import { passThrough } from './verbs/project.js';

/** The scope part a verb passes to the translator: registered UDFs, and room for the calls it finds. */
export function udfScope(table: Table): UdfScope {
  return { functions: table.state.session.functions, calls: [] };
}

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
    module: udf.module, // the worker's launch (what is shipped) is added by the engine: src/runtime/udf-shipping.ts
    batchSize: udf.batchSize,
    batchTimeoutMs: udf.batchTimeoutMs,
    pipeline: udf.pipeline,
    ...shapeOf(udf),
  };
}

/**
 * A function's form, bound arguments and module: a registered Udf's, or a plain function's for a generated
 * JavaScript part (src/translate/expr-js.ts). Every chain link carries its own, so links of different forms mix.
 */
function shapeOf(def: UdfDef | Udf): Pick<UdfWorkerSpec, 'form' | 'bound' | 'aggregate' | 'module'> {
  const udf = def as Partial<Udf>;
  return { form: 'function', bound: undefined, aggregate: undefined, module: udf.module, ...(typeof udf.shapeFields === 'function' ? udf.shapeFields() : {}) };
}

const moduleOf = (def: UdfDef) => (def as Partial<Udf>).module;

/** Two functions a worker can load together: at most one module file between them (a worker loads one bundle). */
function sameModuleFile(a: UdfDef, b: UdfDef): boolean {
  const [ma, mb] = [moduleOf(a), moduleOf(b)];
  return !ma || !mb || ma.file === mb.file;
}

/** One function of a stage: the call, its definition, and the columns (input or earlier results) it reads. */
interface Link {
  call: UdfCall;
  def: UdfDef;
  args: string[];
}

/** What each stage node was made from, to rebuild it over another input (a filter pushed below it). */
const stages = new WeakMap<UdfStageNode, { results: string[]; rebuild: (input: PlanNode) => UdfStageNode }>();

/** The result columns of a UDF stage node. */
export function stageResults(node: UdfStageNode): string[] {
  return stages.get(node)?.results ?? [];
}

/** The same stage over another input (with the same columns). */
export function restage(node: UdfStageNode, input: PlanNode): UdfStageNode {
  const made = stages.get(node);
  if (!made) throw new Error(`internal: UDF stage ${node.view} cannot be rebuilt`);
  return made.rebuild(input);
}

function kindOf(def: UdfDef): string {
  return def.vectorized ? 'vectorized' : 'row';
}

function describeLink({ call, def }: Link): string {
  const what = call.inline ? `${call.name} over (${call.labels.join(', ')})` : `${call.name}(${call.labels.join(', ')})`;
  return `${what} [${kindOf(def)}] → ${call.column}`;
}

function stage(session: Session, input: PlanNode, links: Link[], inputColumns: string[]): UdfStageNode {
  for (const { call } of links) {
    if (session.functions.get(call.name)?.aggregate) {
      throw new FlinkFrameError(`${call.name}(${call.labels.join(', ')}) is an aggregate UDF: call it in rollup ({ out: d => op.${call.name}(...) }), once per group.`);
    }
  }
  const view = `__ff_udf_stage_${++views}`;
  const read = [...new Set(links.flatMap((l) => l.args).filter((a) => inputColumns.includes(a)))];
  const shipped = udfPlanSwitches.shipOnlyRead ? read : inputColumns;
  const batchSize = Math.min(...links.map((l) => l.def.batchSize ?? DEFAULT_BATCH_SIZE));
  const pipeline = links.every((l) => l.def.pipeline !== false);
  // a partial batch leaves when the most impatient link says so (undefined: the session's default)
  const timeouts = links.map((l) => (l.def as Partial<Udf>).batchTimeoutMs).filter((t): t is number => t !== undefined);
  const [first] = links;
  const spec: UdfWorkerSpec = {
    ...workerSpec(links.length === 1 ? first.call.name : `${first.call.name} (and ${links.length - 1} more chained)`, first.def as Udf, first.call.column),
    args: shipped,
    batchSize,
    batchTimeoutMs: timeouts.length ? Math.min(...timeouts) : undefined,
    // the worker loads one module: the stage's links read at most one (see withUdfStages)
    module: links.map((l) => moduleOf(l.def)).find((m) => m !== undefined),
    pipeline,
    reuseWorker: udfPlanSwitches.reuseWorkers,
    results: links.map((l) => l.call.column),
    resultTypes: links.map((l) => l.def.returns),
    chain: links.map(({ call, def, args }) => ({
      name: call.name,
      source: def.source,
      vectorized: def.vectorized,
      params: def.params,
      returns: def.returns,
      args,
      argLabels: call.labels,
      result: call.column,
      generated: call.inline?.generated,
      arqueroOp: call.inline?.arqueroOp,
      ...shapeOf(def),
    })),
  };
  const label = `JavaScript UDF stage: ${links.map(describeLink).join('; ')}; ships ${shipped.join(', ')} ` +
    `(${shipped.length} of ${inputColumns.length} columns), batches of ${batchSize} rows`;
  const node: UdfStageNode = {
    kind: 'udf',
    input,
    view,
    label,
    register: () => session.engine.udfStage(toSql(node.input), view, JSON.stringify(spec)),
  };
  stages.set(node, { results: links.map((l) => l.call.column), rebuild: (other) => stage(session, other, links, inputColumns) });
  return node;
}

const readsAnyOf = (sql: string, columns: string[]) => columns.some((c) => sql.includes(quoteIdent(c)));

/** The table with the calls' UDF stages appended (the table itself when there are no calls). */
export function withUdfStages(table: Table, scope: UdfScope | undefined): Table {
  if (!scope?.calls.length) return table;
  const session = table.state.session;
  let node = table.state.node;
  let columns = table.fullSchema().map((f) => f.name);
  let links: Link[] = [];
  let computed: NamedSql[] = [];

  const flush = () => {
    if (!links.length) return;
    if (computed.length) {
      node = { kind: 'project', input: node, columns: [...columns.map(passThrough), ...computed], label: `arguments of ${links.map((l) => l.call.name).join(', ')}` };
      columns = [...columns, ...computed.map((c) => c.name)];
    }
    node = stage(session, node, links, columns);
    columns = [...columns, ...links.map((l) => l.call.column)];
    links = [];
    computed = [];
  };

  for (const call of scope.calls) {
    const def: UdfDef = call.inline ?? session.functions.get(call.name)!;
    const results = links.map((l) => l.call.column);
    const joins = udfPlanSwitches.chain &&
      (!udfPlanSwitches.splitByKind || links.every((l) => l.def.vectorized === def.vectorized)) &&
      links.every((l) => sameModuleFile(l.def, def)) &&
      call.args.every((arg) => results.some((r) => quoteIdent(r) === arg.sql) || !readsAnyOf(arg.sql, results));
    if (!joins) flush();
    // an argument that is a plain column (or an earlier result) is read as it is; any other is computed by Flink first
    const args = call.args.map((arg, i) => {
      const plain = [...columns, ...links.map((l) => l.call.column)].find((c) => quoteIdent(c) === arg.sql);
      if (plain !== undefined) return plain;
      const same = computed.find((c) => c.sql === arg.sql);
      if (same) return same.name;
      const name = `${call.column}_arg${i}`;
      computed.push({ name, sql: arg.sql });
      return name;
    });
    links.push({ call, def, args });
  }
  flush();
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
  return dropUdfColumns(staged.with({ node: filterNode(staged.state.node, condition.sql, label) }), scope);
}
