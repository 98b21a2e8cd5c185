import * as aq from 'arquero';
import { tableFromIPC, type Table as ArrowTable } from 'apache-arrow';
import { FlinkFrameError } from '../errors.js';
import { execute, type TableRef } from '../local/execute.js';
import { localSchema } from '../local/schema.js';
import { LOCAL_VERBS } from '../local/verb-steps.js';
import { writeLocal, type LocalFileFormat } from '../local/write.js';
import { inputsOf, type ArqueroNode, type PlanNode } from '../translate/plan.js';
import type { Schema } from '../translate/schema.js';
import type { HtmlDisplay } from './display/notebook.js';
import { notebookDisplay } from './display/notebook.js';
import { htmlTable } from './display/html-table.js';
import type { Preview } from './display/preview.js';
import { textTable } from './display/text-table.js';
import { isExplainOnly } from './explain-mode.js';
import type { FrameState } from './frame-state.js';
import { Table } from './table.js';
import { describe } from './verbs/project.js';

/**
 * A frame of a local-engine session (session({ engine: 'local' })): the same Table, whose verbs record Arquero
 * steps (plan nodes of kind 'arquero') and whose materializers replay them on Arquero in-process (src/local).
 * Each step runs when the verb is called, so a bad column fails at the call, as it does on Flink; the results
 * are kept per node. No JVM is involved.
 */
export class LocalTable extends Table {
  constructor(state: FrameState) {
    super(state);
  }

  override with(changes: Partial<FrameState>): Table {
    return new LocalTable({ ...this.state, ...changes });
  }

  /** The Arquero table this frame's plan computes. */
  result(): aq.ColumnTable {
    return execute(this.state.node, this.state.session);
  }

  /** Records a verb as an Arquero step, with the tables it names as further inputs, and runs it. */
  step(verb: string, args: unknown[]): Table {
    const inputs: PlanNode[] = [this.state.node];
    const shown: unknown[] = [];
    const record = (arg: unknown): unknown => {
      if (Array.isArray(arg)) return arg.map(record);
      if (!(arg instanceof Table)) return arg;
      if (!(arg instanceof LocalTable) || arg.state.session !== this.state.session) {
        throw new FlinkFrameError(`${verb}: all tables must belong to the same session (a local-engine frame cannot meet a Flink one).`);
      }
      inputs.push(arg.state.node);
      return { tableRef: inputs.length - 1 } satisfies TableRef;
    };
    const recorded = args.map(record);
    for (const arg of args) shown.push(arg instanceof Table ? { toString: () => 'table' } : arg);
    const node: ArqueroNode = { kind: 'arquero', step: verb, args: recorded, inputs, label: `${verb}(${shown.map(describe).join(', ')})` };
    const next = new LocalTable({ ...this.state, node });
    next.result();
    return next;
  }

  // ---- schema: the result's columns, typed as Flink would type their values ----

  override fullSchema(): Schema {
    return localSchema(this.result());
  }

  override isGrouped(): boolean {
    return this.result().isGrouped();
  }

  override isOrdered(): boolean {
    return this.result().isOrdered();
  }

  override groups(): readonly string[] {
    return (this.result().groups() as { names?: string[] } | null)?.names ?? [];
  }

  // ---- materializers ----

  /** The result as a plain table: ordered rows in their order, no groups (what a Flink collect gives). */
  private rows(options: { limit?: number; offset?: number } = {}): aq.ColumnTable {
    if (isExplainOnly()) return this.result().ungroup().reify().slice(0, 0);
    const all = this.result().ungroup().reify();
    const offset = options.offset ?? 0;
    return options.limit === undefined && !offset ? all : all.slice(offset, options.limit === undefined ? undefined : offset + options.limit);
  }

  private explainInstead(materializer: string): boolean {
    if (!isExplainOnly()) return false;
    console.log(`==== flinkframe explain: ${materializer} ====\n${this.explain()}\n`);
    return true;
  }

  override async collect(): Promise<aq.ColumnTable> {
    this.explainInstead('collect');
    return this.rows();
  }

  override async objects(options: { limit?: number; offset?: number; columns?: unknown } = {}): Promise<Record<string, unknown>[]> {
    const rows = this.rows({ limit: options.limit, offset: options.offset });
    return rows.objects(options.columns ? { columns: options.columns as never } : {}) as Record<string, unknown>[];
  }

  override async numRows(): Promise<number> {
    return isExplainOnly() ? 0 : this.result().numRows();
  }

  override async toArrow(): Promise<ArrowTable> {
    return tableFromIPC(this.rows().toArrowIPC());
  }

  override async toCSV(options: Record<string, unknown> = {}): Promise<string> {
    return this.rows().toCSV(options);
  }

  private preview(limit: number): Preview {
    const all = this.rows();
    const names = all.columnNames();
    const rows = (all.objects({ limit }) as Record<string, unknown>[]).map((row) => names.map((n) => row[n]));
    return { schema: this.schema(), rows, totalRows: all.numRows() };
  }

  override async print(options: { limit?: number } | number = {}): Promise<void> {
    if (this.explainInstead('print')) return;
    console.log(textTable(this.preview((typeof options === 'number' ? options : options.limit) ?? 10)));
  }

  override async display(options: { limit?: number; display?: HtmlDisplay } | number = {}): Promise<void> {
    if (this.explainInstead('display')) return;
    const { limit = 10, display } = typeof options === 'number' ? { limit: options, display: undefined } : options;
    const shown = this.preview(limit);
    const target = display ?? notebookDisplay();
    if (target) target.html(htmlTable(shown));
    else console.log(textTable(shown));
  }

  private async writeAs(path: string, format: LocalFileFormat, options: Record<string, unknown>): Promise<void> {
    if (this.explainInstead(`write ${path}`)) return;
    writeLocal(this.rows(), path, format, options);
  }

  override writeCSV(path: string, options: { delimiter?: string; header?: boolean } = {}): Promise<void> {
    return this.writeAs(path, 'csv', options);
  }

  override writeJSON(path: string): Promise<void> {
    return this.writeAs(path, 'json', {});
  }

  override writeParquet(path: string): Promise<void> {
    return this.writeAs(path, 'parquet', {});
  }

  /** The recorded steps and the engine that runs them (there is no SQL: Arquero runs each step). */
  override explain(): string {
    const tree = (node: PlanNode, depth: number): string[] => ['  '.repeat(depth) + node.label, ...inputsOf(node).flatMap((c) => tree(c, depth + 1))];
    return [
      '== Logical plan (flinkframe verbs) ==',
      ...tree(this.state.node, 0),
      '',
      '== Local engine ==',
      'Each step runs on Arquero in this process (session({ engine: "local" })); no Flink SQL, no JVM.',
    ].join('\n');
  }
}

// Every verb records an Arquero step: the Flink translation (src/frame/verbs) is never called for a local frame.
for (const verb of LOCAL_VERBS) {
  Object.defineProperty(LocalTable.prototype, verb, {
    value(this: LocalTable, ...args: unknown[]) {
      return this.step(verb, args);
    },
    writable: true,
    configurable: true,
  });
}
