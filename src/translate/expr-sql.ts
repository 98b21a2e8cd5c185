import type { ExprKind, SqlExpr } from './expression.js';

/** A SQL expression built from parts: it reads their columns and is an aggregate if any part is. */
export function combine(sql: string, type: string, parts: readonly SqlExpr[]): SqlExpr {
  const columns = [...new Set(parts.flatMap((p) => p.columns))];
  const kinds = new Set(parts.map((p) => p.kind));
  const kind: ExprKind = kinds.has('window') ? 'window' : kinds.has('aggregate') ? 'aggregate' : 'scalar';
  return { sql, type, kind, columns };
}

/** A SQL expression that reads nothing. `value` keeps the JS value of a literal or param for folding. */
export function constant(sql: string, type: string, value?: unknown): SqlExpr {
  return value === undefined ? { sql, type, kind: 'scalar', columns: [] } : { sql, type, kind: 'scalar', columns: [], value };
}

/** An integer literal's value (for folding 0-based indexes into SQL's 1-based ones), else undefined. */
export function integerValue(e: SqlExpr | undefined): number | undefined {
  return e && typeof e.value === 'number' && Number.isInteger(e.value) ? e.value : undefined;
}
