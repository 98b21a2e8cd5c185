import { FlinkFrameError } from '../../errors.js';
import { translateExpr } from '../../translate/expression.js';
import type { NamedSql } from '../plan.js';
import type { Table } from '../table.js';
import { describe, passThrough, project } from './project.js';
import { relocate } from './relocate.js';

export interface DeriveOptions {
  before?: unknown;
  after?: unknown;
  /** Keep only the derived columns. */
  drop?: boolean;
}

export function derive(table: Table, values: Record<string, unknown>, options: DeriveOptions = {}): Table {
  const scope = table.scope('derive');
  const derived = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) {
    const expr = translateExpr(name, value, scope);
    if (expr.kind !== 'scalar') {
      throw new FlinkFrameError(
        `derive: "${name}" is an aggregate (${describe(value)}); aggregates in derive are window functions, ` +
          'which flinkframe does not translate yet. Use groupby(...).rollup(...) and join the result back.',
      );
    }
    derived.set(name, expr.sql);
  }
  const existing = table.columnNames();
  const columns: NamedSql[] = options.drop
    ? []
    : existing.map((name) => (derived.has(name) ? { name, sql: derived.get(name)! } : passThrough(name)));
  for (const [name, sql] of derived) if (options.drop || !existing.includes(name)) columns.push({ name, sql });

  const result = project(table, columns, `derive(${describe(values)})`);
  const added = [...derived.keys()].filter((name) => !existing.includes(name));
  return options.drop || (options.before == null && options.after == null)
    ? result
    : relocate(result, added, { before: options.before, after: options.after });
}
