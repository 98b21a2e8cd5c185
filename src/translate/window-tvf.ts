/**
 * Event-time windows as Flink SQL: the windowing table functions TUMBLE, HOP and CUMULATE (and SESSION in
 * streaming mode) add window_start, window_end and window_time to each row. Batch Flink has no SESSION table
 * function ("unaligned windows are not supported in batch mode"), so there a session is computed from the gaps
 * between consecutive rows of a partition.
 */
import { quoteIdent } from './sql-text.js';

export type WindowSpec =
  | { kind: 'tumble'; column: string; size: string }
  | { kind: 'hop'; column: string; slide: string; size: string }
  | { kind: 'cumulate'; column: string; step: string; size: string }
  | { kind: 'session'; column: string; gap: string };

/** The interval arguments of each table function, in order (already SQL: INTERVAL '1' MINUTE). */
const ARGUMENTS: { [K in WindowSpec['kind']]: (s: Extract<WindowSpec, { kind: K }>) => string[] } = {
  tumble: (s) => [s.size],
  hop: (s) => [s.slide, s.size],
  cumulate: (s) => [s.step, s.size],
  session: (s) => [s.gap],
};

export const WINDOW_COLUMNS = ['window_start', 'window_end', 'window_time'];

export function windowSql(input: string, columns: string[], spec: WindowSpec, partition: string[], mode: 'batch' | 'streaming'): string {
  if (spec.kind === 'session' && mode === 'batch') return batchSessionSql(input, columns, spec, partition);
  const args = (ARGUMENTS[spec.kind] as (s: WindowSpec) => string[])(spec);
  const partitionBy = spec.kind === 'session' && partition.length ? ` PARTITION BY ${partition.map(quoteIdent).join(', ')}` : '';
  return `SELECT * FROM TABLE(${spec.kind.toUpperCase()}((${input})${partitionBy}, DESCRIPTOR(${quoteIdent(spec.column)}), ${args.join(', ')}))`;
}

/**
 * A row starts a new session when it comes a gap or more after the previous row of its partition (Flink's session
 * window: each row opens [ts, ts + gap), overlapping ones merge); the session ends a gap after its last row.
 */
function batchSessionSql(input: string, columns: string[], spec: Extract<WindowSpec, { kind: 'session' }>, partition: string[]): string {
  const ts = quoteIdent(spec.column);
  const by = (extra: string[]) => {
    const all = [...partition.map(quoteIdent), ...extra];
    return all.length ? `PARTITION BY ${all.join(', ')}` : '';
  };
  const ordered = `OVER (${by([])} ORDER BY ${ts})`;
  const starts = `SELECT *, CASE WHEN LAG(${ts}) ${ordered} IS NULL OR ${ts} >= LAG(${ts}) ${ordered} + ${spec.gap} THEN 1 ELSE 0 END AS \`__ff_session_start\` FROM (${input}) AS t`;
  const numbered = `SELECT *, SUM(\`__ff_session_start\`) OVER (${by([])} ORDER BY ${ts} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS \`__ff_session\` FROM (${starts}) AS t`;
  const session = `OVER (${by(['`__ff_session`'])})`;
  const bounds = `SELECT *, MIN(${ts}) ${session} AS window_start, MAX(${ts}) ${session} + ${spec.gap} AS window_end FROM (${numbered}) AS t`;
  const select = [...columns.map(quoteIdent), 'window_start', 'window_end', "window_end - INTERVAL '0.001' SECOND(3) AS window_time"];
  return `SELECT ${select.join(', ')} FROM (${bounds}) AS t`;
}
