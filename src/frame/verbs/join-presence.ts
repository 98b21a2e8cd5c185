import type { JoinAbsence } from '../../translate/expression.js';
import type { JoinHow, NamedSql } from '../../translate/plan.js';
import { quoteIdent } from '../../translate/sql-text.js';
import { hiddenName } from '../frame-state.js';
import type { Table } from '../table.js';

/**
 * Arquero gives the missing side of an outer join as undefined, and its join values do JS arithmetic on it
 * (`(a, b) => a.x + b.v` is NaN on an unmatched row). SQL gives NULL for both a missing row and a null value,
 * so a side that may be missing carries a marker column, TRUE on every row it has and NULL where it has none.
 */
export interface PresenceMarkers {
  left?: string;
  right?: string;
}

const MISSING_SIDES: Record<JoinHow, ('left' | 'right')[]> = { inner: [], left: ['right'], right: ['left'], full: ['left', 'right'] };

/** Marker names for the sides this join may leave without a row. */
export function presenceMarkers(how: JoinHow): PresenceMarkers {
  return Object.fromEntries(MISSING_SIDES[how].map((side) => [side, hiddenName('present')]));
}

/** The conditions a join lambda reads as "this side has no row" (ExprScope.join.absent). */
export function absence(markers: PresenceMarkers): JoinAbsence {
  const missing = (alias: string, marker?: string) => (marker ? `${alias}.${quoteIdent(marker)} IS NULL` : undefined);
  return { left: missing('l', markers.left), right: missing('r', markers.right) };
}

/** The table with its marker column, when some join value reads the marker. */
export function withPresence(table: Table, marker: string | undefined, values: NamedSql[]): Table {
  if (!marker || !values.some((v) => v.sql.includes(marker))) return table;
  const kept = table.fullSchema().map((f) => ({ name: f.name, sql: quoteIdent(f.name) }));
  return table.with({
    node: { kind: 'project', input: table.state.node, columns: [...kept, { name: marker, sql: 'TRUE' }], label: 'mark rows present' },
  });
}
