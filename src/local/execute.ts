import * as aq from 'arquero';
import { FlinkFrameError } from '../errors.js';
import type { ArqueroNode, PlanNode } from '../translate/plan.js';
import { SOURCE_STEPS } from './sources.js';
import { arqueroFunction, type LocalUdfSpec } from './udf.js';
import { VERB_STEPS } from './verb-steps.js';

/** A table argument of a recorded verb: an index into the node's inputs. */
export interface TableRef {
  tableRef: number;
}

const isTableRef = (v: unknown): v is TableRef =>
  typeof v === 'object' && v !== null && typeof (v as TableRef).tableRef === 'number' && Object.keys(v).length === 1;

/** What a local session hands the executor: its JavaScript UDFs by name. */
export interface LocalContext {
  readonly functions: ReadonlyMap<string, LocalUdfSpec>;
}

const results = new WeakMap<PlanNode, aq.ColumnTable>();
const compiled = new WeakMap<LocalUdfSpec, (...args: unknown[]) => unknown>();

/** Arquero's function registry is global: the session's UDFs are (re)registered before each of its steps. */
function registerFunctions(context: LocalContext): void {
  for (const [name, spec] of context.functions) {
    let fn = compiled.get(spec);
    if (!fn) compiled.set(spec, (fn = arqueroFunction(name, spec)));
    aq.addFunction(name, fn, { override: true });
  }
}

function resolveArgs(args: unknown[], tables: aq.ColumnTable[]): unknown[] {
  return args.map((arg) =>
    isTableRef(arg) ? tables[arg.tableRef] : Array.isArray(arg) && arg.some(isTableRef) ? resolveArgs(arg, tables) : arg,
  );
}

function run(node: ArqueroNode, context: LocalContext): aq.ColumnTable {
  const source = SOURCE_STEPS[node.step];
  if (source) return source(node.args);
  const verb = VERB_STEPS[node.step];
  if (!verb) throw new FlinkFrameError(`${node.step}: the local engine has no such verb.`);
  const tables = node.inputs.map((input) => execute(input, context));
  registerFunctions(context);
  return verb(tables[0]!, resolveArgs(node.args, tables));
}

/**
 * The result of a local-engine plan node, computed once per node: its inputs first, then its own step on
 * Arquero (the declarative tables SOURCE_STEPS and VERB_STEPS). Arquero's errors come back as FlinkFrameErrors
 * that name the step.
 */
export function execute(node: PlanNode, context: LocalContext): aq.ColumnTable {
  if (node.kind !== 'arquero') {
    throw new FlinkFrameError(`${node.label}: this frame belongs to a Flink session; the local engine runs only frames of a session({ engine: 'local' }).`);
  }
  let result = results.get(node);
  if (!result) {
    try {
      result = run(node, context);
    } catch (e) {
      if (e instanceof FlinkFrameError) throw e;
      throw new FlinkFrameError(`${node.label}: ${(e as Error).message}`, { cause: e });
    }
    results.set(node, result);
  }
  return result;
}
