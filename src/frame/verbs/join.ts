import { FlinkFrameError } from '../../errors.js';
import { quoteIdent } from '../../translate/sql-text.js';
import type { JoinHow, NamedSql } from '../plan.js';
import { assertColumns, resolveSelection } from '../selection.js';
import type { Table } from '../table.js';
import { describe } from './project.js';

export interface JoinOptions {
  suffix?: [string, string];
}

/** Arquero's `on`: shared names when omitted, a name, names, or [leftNames, rightNames]. */
function keyPairs(left: Table, right: Table, on: unknown): [string, string][] {
  if (on == null) {
    const shared = left.columnNames().filter((n) => right.columnNames().includes(n));
    if (!shared.length) {
      throw new FlinkFrameError(
        'join: no join keys given and the tables share no column names. Pass the key columns, e.g. join(other, ["id", "user_id"]).',
      );
    }
    return shared.map((n) => [n, n]);
  }
  if (typeof on === 'function') {
    throw new FlinkFrameError(
      `join: predicate joins (${describe(on)}) are not supported yet; join on key columns: join(other, "key") or join(other, [["a"], ["b"]]).`,
    );
  }
  const list = Array.isArray(on) ? on : [on];
  if (list.length === 2 && Array.isArray(list[0]) && Array.isArray(list[1])) {
    const [l, r] = list as [string[], string[]];
    if (l.length !== r.length) throw new FlinkFrameError('join: the left and right key lists must have the same length.');
    return l.map((name, i) => [name, r[i]!]);
  }
  return (list as string[]).map((n) => [n, n]);
}

/**
 * Joins on key columns with Arquero's output columns: all left columns, then right columns except keys shared
 * by name (a full join merges those); clashing names get suffixes ('_1', '_2').
 */
export function join(left: Table, right: Table, on: unknown, values: unknown, options: JoinOptions & { how: JoinHow }): Table {
  const verb = { inner: 'join', left: 'join_left', right: 'join_right', full: 'join_full' }[options.how];
  if (left.state.session !== right.state.session) {
    throw new FlinkFrameError(`${verb}: both tables must belong to the same session.`);
  }
  const pairs = keyPairs(left, right, on);
  assertColumns(left, pairs.map((p) => p[0]), verb);
  assertColumns(right, pairs.map((p) => p[1]), verb);
  const shared = new Set(pairs.filter(([l, r]) => l === r).map(([l]) => l));

  let leftCols: string[];
  let rightCols: string[];
  if (values == null) {
    leftCols = left.columnNames().filter((n) => options.how !== 'right' || !shared.has(n));
    rightCols = right.columnNames().filter((n) => options.how === 'right' || !shared.has(n));
  } else {
    if (!Array.isArray(values) || values.length > 2) {
      throw new FlinkFrameError(`${verb}: values must be [leftColumns, rightColumns] selections.`);
    }
    leftCols = [...resolveSelection(left, values[0] ?? [], verb).keys()];
    rightCols = [...resolveSelection(right, values[1] ?? [], verb).keys()];
    assertColumns(left, leftCols, verb);
    assertColumns(right, rightCols, verb);
  }

  const [s1, s2] = options.suffix ?? ['_1', '_2'];
  const clash = new Set(leftCols.filter((n) => rightCols.includes(n)));
  const merge = options.how === 'full' && values == null;
  const columns: NamedSql[] = [
    ...leftCols.map((n) => ({
      name: clash.has(n) ? n + s1 : n,
      sql: merge && shared.has(n) ? `COALESCE(l.${quoteIdent(n)}, r.${quoteIdent(n)})` : `l.${quoteIdent(n)}`,
    })),
    ...rightCols.map((n) => ({ name: clash.has(n) ? n + s2 : n, sql: `r.${quoteIdent(n)}` })),
  ];
  return left.with({
    node: {
      kind: 'join',
      left: left.state.node,
      right: right.state.node,
      how: options.how,
      on: pairs,
      columns,
      label: `${verb}(<table>, ${describe(on ?? pairs.map((p) => p[0]))})`,
    },
    groups: [],
    order: [],
    params: { ...right.state.params, ...left.state.params },
  });
}
