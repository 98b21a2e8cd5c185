import { FlinkFrameError } from '../errors.js';
import { quoteIdent } from '../translate/sql-text.js';
import { project } from '../frame/verbs/project.js';
import type { Table } from '../frame/table.js';
import { DataFrame } from './frame.js';

export type MergeHow = 'inner' | 'left' | 'right' | 'outer';

const JOINS: Record<MergeHow, 'join' | 'join_left' | 'join_right' | 'join_full'> = {
  inner: 'join',
  left: 'join_left',
  right: 'join_right',
  outer: 'join_full',
};

/**
 * Danfo's merge: a SQL join on the `on` columns. Columns as Danfo makes them: the keys, the left's other
 * columns, then the right's (a name already taken gets `_1`, `_2`, ...). An outer join's keys come from
 * whichever side has the row. Null keys match nothing (SQL's and Arquero's rule).
 */
export function merge(options: { left: DataFrame; right: DataFrame; on: string[] | string; how?: MergeHow }): DataFrame {
  const { left, right } = options;
  const on = Array.isArray(options.on) ? options.on : [options.on];
  const how = options.how ?? 'inner';
  if (!(left instanceof DataFrame) || !(right instanceof DataFrame)) throw new FlinkFrameError('merge: left and right must be flinkframe danfo DataFrames.');
  if (!Object.hasOwn(JOINS, how)) throw new FlinkFrameError(`merge: how must be one of ${Object.keys(JOINS).join(', ')}, not ${JSON.stringify(how)}.`);
  if (!on.length) throw new FlinkFrameError('merge: give the key columns: merge({ left, right, on: ["key"], how }).');
  for (const [side, frame] of [['left', left], ['right', right]] as const) {
    const missing = on.filter((k) => !frame.columns.includes(k));
    if (missing.length) throw new FlinkFrameError(`merge: the ${side} frame has no column ${missing.map((m) => `"${m}"`).join(', ')} to join on.`);
  }
  const ref = (row: 'a' | 'b', name: string) => `${row}[${JSON.stringify(name)}]`;
  const key = (k: string) =>
    how === 'outer' ? `${ref('a', k)} === null ? ${ref('b', k)} : ${ref('a', k)}` : how === 'right' ? ref('b', k) : ref('a', k);
  const values: Record<string, string> = Object.fromEntries(on.map((k) => [k, key(k)]));
  const taken = new Map<string, number>(on.map((k) => [k, 1]));
  const add = (row: 'a' | 'b', name: string) => {
    const seen = taken.get(name);
    taken.set(name, (seen ?? 0) + 1);
    values[seen ? `${name}_${seen}` : name] = ref(row, name);
  };
  for (const c of left.columns) if (!on.includes(c)) add('a', c);
  for (const c of right.columns) if (!on.includes(c)) add('b', c);
  const joined = left.table[JOINS[how]](right.table, on, [[], [], values]);
  return new DataFrame(joined);
}

/**
 * Danfo's concat. axis 0 stacks rows (as a bag: Flink keeps no order between the inputs); the result has every
 * input's columns, null where an input lacks one. axis 1 pairs rows by position and is refused.
 */
export function concat(options: { dfList: DataFrame[]; axis?: 0 | 1 }): DataFrame {
  const { dfList } = options;
  if (options.axis === 1) {
    throw new FlinkFrameError('concat: axis 1 pairs rows by position, and flinkframe frames have no row positions; add a key column to each frame and merge on it.');
  }
  if (!Array.isArray(dfList) || !dfList.length) throw new FlinkFrameError('concat: give the frames as { dfList: [df1, df2, ...] }.');
  const types = new Map<string, string>();
  for (const frame of dfList) {
    for (const field of frame.schema()) {
      const type = types.get(field.name);
      if (type === undefined) types.set(field.name, field.type);
      else if (type !== field.type && !(isNumber(type) && isNumber(field.type))) {
        throw new FlinkFrameError(`concat: column "${field.name}" is ${type} in one frame and ${field.type} in another; asType(...) one of them first.`);
      }
      else if (type !== field.type) types.set(field.name, 'DOUBLE');
    }
  }
  const aligned: Table[] = dfList.map((frame) => {
    const own = new Set(frame.columns);
    const columns = [...types].map(([name, type]) => ({
      name,
      sql: own.has(name) ? `CAST(${quoteIdent(name)} AS ${type})` : `CAST(NULL AS ${type})`,
    }));
    return project(frame.table, columns, 'align for concat');
  });
  const [first, ...rest] = aligned;
  return new DataFrame(first!.concat(rest));
}

const isNumber = (type: string) => /^(TINYINT|SMALLINT|INT|INTEGER|BIGINT|FLOAT|DOUBLE|DECIMAL)\b/.test(type);
