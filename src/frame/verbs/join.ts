import { FlinkFrameError } from '../../errors.js';
import { quoteIdent } from '../../translate/sql-text.js';
import type { JoinHow, NamedSql } from '../../translate/plan.js';
import { assertColumns, resolveSelection } from '../selection.js';
import type { Table } from '../table.js';
import { describe } from './project.js';
import { joinOrdinal } from './join-order.js';
import { absence, presenceMarkers, withPresence, type PresenceMarkers } from './join-presence.js';
import { translateExpr, translatePredicate, type ExprScope } from '../../translate/expression.js';
import { deriveSelectionExprs } from '../selection-exprs.js';
import { isHidden } from '../frame-state.js';

export interface JoinOptions {
  suffix?: [string, string];
}

/** Arquero's `on` (inferKeys): shared names when omitted, a name, [names], or [leftKeys, rightKeys]. */
export function keyPairs(left: Table, right: Table, on: unknown, verb = 'join'): [string, string][] {
  if (on == null) {
    const shared = left.columnNames().filter((n) => right.columnNames().includes(n));
    if (!shared.length) {
      throw new FlinkFrameError(
        `${verb}: no join keys given and the tables share no column names (a natural join requires shared column names). Pass the key columns, e.g. ${verb}(other, ["id", "user_id"]).`,
      );
    }
    return shared.map((n) => [n, n]);
  }
  const [l, r] = typeof on === 'string' ? [on, on] : Array.isArray(on) && on.length === 1 ? [on[0], on[0]] : (on as unknown[]);
  const [onL, onR] = [l, r].map((keys) => (Array.isArray(keys) ? keys : [keys])) as [unknown[], unknown[]];
  if ((Array.isArray(on) && on.length > 2) || onL.length !== onR.length) {
    throw new FlinkFrameError(`${verb}: mismatched join keys ${describe(on)}; pass a name, [names] or [leftNames, rightNames] of the same length.`);
  }
  const name = (key: unknown, table: Table) => (typeof key === 'number' ? table.columnName(key) ?? String(key) : key);
  for (const key of [...onL, ...onR]) {
    if (typeof key !== 'string' && typeof key !== 'number') {
      throw new FlinkFrameError(`${verb}: join key ${describe(key)} is not a column name; compute it with derive() first, or join with a predicate (a, b) => ...`);
    }
  }
  return onL.map((key, i) => [name(key, left), name(onR[i], right)] as [string, string]);
}

/** The join condition over aliases l and r: key equality (nulls never match, as in Arquero) or a two-row lambda. */
export function joinCondition(left: Table, right: Table, on: unknown, verb: string): { sql: string; pairs: [string, string][] | null } {
  if (typeof on === 'function') {
    const scope: ExprScope = { ...left.scope(verb), params: { ...right.state.params, ...left.state.params }, join: { right: right.schema() } };
    const predicate = translatePredicate(on, scope);
    if (predicate.kind !== 'scalar') throw new FlinkFrameError(`${verb}: the predicate ${describe(on)} aggregates; a join predicate compares one row of each table.`);
    return { sql: predicate.sql, pairs: null };
  }
  const pairs = keyPairs(left, right, on, verb);
  assertColumns(left, pairs.map((p) => p[0]), verb);
  assertColumns(right, pairs.map((p) => p[1]), verb);
  const sql = pairs.map(([l, r]) => `l.${quoteIdent(l)} = r.${quoteIdent(r)}`).join(' AND ') || 'TRUE';
  return { sql, pairs };
}

/** Output columns of a join given as expressions over both rows: values[2] = { name: (a, b) => ... }. */
function joinValues(left: Table, right: Table, exprs: Record<string, unknown>, verb: string, markers: PresenceMarkers): NamedSql[] {
  const join = { right: right.schema(), absent: absence(markers) };
  const scope: ExprScope = { ...left.scope(verb), params: { ...right.state.params, ...left.state.params }, join };
  return Object.entries(exprs).map(([name, value]) => {
    const expr = translateExpr(name, value, scope);
    if (expr.kind !== 'scalar') throw new FlinkFrameError(`${verb}: the value "${name}" (${describe(value)}) aggregates; join values combine one row of each table.`);
    return { name, sql: expr.sql };
  });
}

/**
 * Joins on key columns or a two-row predicate, with Arquero's output columns: on keys, all left columns then
 * right columns except keys shared by name (a full join merges those); with a predicate, all columns of both.
 * Clashing names get suffixes ('_1', '_2'). values = [leftSelection, rightSelection, { name: (a, b) => ... }].
 */
export function join(
  left: Table, right: Table, on: unknown, values: unknown, options: JoinOptions & { how: JoinHow; verb?: string },
): Table {
  const verb = options.verb ?? { inner: 'join', left: 'join_left', right: 'join_right', full: 'join_full' }[options.how];
  // expressions in the side selections ({ j: d => d.k }) are derived on their table first
  if (Array.isArray(values)) {
    const l = deriveSelectionExprs(left, values[0] ?? [], verb, { aggregates: false });
    const r = deriveSelectionExprs(right, values[1] ?? [], verb, { aggregates: false });
    if (l.table !== left || r.table !== right) return join(l.table, r.table, on, [l.selection, r.selection, ...values.slice(2)], options);
  }
  if (left.state.session !== right.state.session) {
    throw new FlinkFrameError(`${verb}: both tables must belong to the same session.`);
  }
  const { sql: condition, pairs } = joinCondition(left, right, on, verb);
  const shared = new Set((pairs ?? []).filter(([l, r]) => l === r).map(([l]) => l));

  // selected columns: input name -> output name
  let leftCols: [string, string][];
  let rightCols: [string, string][];
  let computed: NamedSql[] = [];
  const markers = presenceMarkers(options.how);
  if (values == null) {
    leftCols = left.columnNames().filter((n) => options.how !== 'right' || !shared.has(n)).map((n) => [n, n]);
    rightCols = right.columnNames().filter((n) => options.how === 'right' || !shared.has(n)).map((n) => [n, n]);
  } else if (typeof values === 'object' && !Array.isArray(values)) {
    // Arquero: an object of values is the whole output, expressions over both rows
    leftCols = [];
    rightCols = [];
    computed = joinValues(left, right, values as Record<string, unknown>, verb, markers);
  } else {
    if (!Array.isArray(values) || values.length > 3) {
      throw new FlinkFrameError(`${verb}: values must be [leftColumns, rightColumns, { name: (a, b) => ... }?].`);
    }
    leftCols = [...resolveSelection(left, values[0] ?? [], verb)];
    rightCols = [...resolveSelection(right, values[1] ?? [], verb)];
    assertColumns(left, leftCols.map(([n]) => n).filter((n) => !isHidden(n)), verb);
    assertColumns(right, rightCols.map(([n]) => n).filter((n) => !isHidden(n)), verb);
    if (values[2] != null) computed = joinValues(left, right, values[2] as Record<string, unknown>, verb, markers);
  }

  const [s1, s2] = options.suffix ?? ['_1', '_2'];
  const clash = new Set(leftCols.map(([, to]) => to).filter((n) => rightCols.some(([, to]) => to === n)));
  const merge = options.how === 'full' && values == null;
  // a computed value replaces a selected column of the same name, as in Arquero
  const columns: NamedSql[] = [
    ...leftCols.map(([n, to]) => ({
      name: clash.has(to) && s1 !== '' ? to + s1 : to,
      sql: merge && shared.has(n) ? `COALESCE(l.${quoteIdent(n)}, r.${quoteIdent(n)})` : `l.${quoteIdent(n)}`,
    })),
    ...rightCols.map(([n, to]) => ({ name: clash.has(to) && s2 !== '' ? to + s2 : to, sql: `r.${quoteIdent(n)}` })),
    ...computed,
  ].filter((c) => computed.includes(c) || !computed.some((d) => d.name === c.name));

  const names = columns.map((c) => c.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw new FlinkFrameError(`${verb}: the output would have two columns named "${duplicate}"; choose other names or suffixes.`);
  // Arquero's join order, kept with a row ordinal (rowOrder: 'arquero')
  const [leftRows, rightRows] = [withPresence(left, markers.left, computed), withPresence(right, markers.right, computed)];
  const order = joinOrdinal(leftRows, rightRows, pairs !== null);
  return left.with({
    node: {
      kind: 'join',
      left: (order?.left ?? leftRows).state.node,
      right: (order?.right ?? rightRows).state.node,
      how: options.how,
      on: pairs ?? [],
      condition,
      columns: [...columns, ...(order?.columns ?? [])],
      label: `${verb}(<table>, ${describe(on ?? (pairs ?? []).map((p) => p[0]))})`,
    },
    groups: [],
    order: [],
    ordinal: order?.ordinal ?? [],
    params: { ...right.state.params, ...left.state.params },
  });
}
