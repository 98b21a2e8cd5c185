import * as aq from 'arquero';
import { expect } from 'vitest';
import * as ff from '../../src/index.js';
import type { Table } from '../../src/index.js';
import { fl } from './flink-session.js';

/** The local engine (Arquero in-process): the oracle for pipelines written once as flinkframe frames. */
export const local = ff.session({ engine: 'local' });

type Row = Record<string, unknown>;
type Columns = Record<string, unknown[]>;

/** Arquero and flinkframe tables answer to the same verbs: a pipeline is written once and run on both. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Pipeline = (t: any, other?: any) => any;

/** Values as they compare across engines: dates as epoch ms, NaN/undefined/null as null, floats rounded. */
function normalize(value: unknown): unknown {
  if (value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value))) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'bigint') return Number(value);
  // beyond 2^53 doubles are whole numbers, but still rounded results (a variance of large values)
  if (typeof value === 'number' && (!Number.isInteger(value) || Math.abs(value) > 2 ** 53)) return Number(value.toPrecision(12));
  return value;
}

function normalizeRows(rows: Row[]): Row[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, normalize(v)])));
}

const rowKey = (row: Row) => JSON.stringify(Object.entries(row));

export interface DiffOptions {
  /** Compare in order (the pipeline ends in orderby); otherwise as multisets. */
  ordered?: boolean;
  /** A second table for joins and set operations. */
  other?: Columns;
  /** Flink SQL types for the flinkframe side's columns (Arquero has none). */
  types?: Record<string, string>;
  otherTypes?: Record<string, string>;
}

/** The same rows and columns (in order, or as multisets). */
function expectSameRows(actual: Row[], expected: Row[], options: DiffOptions): void {
  const [e, a] = [normalizeRows(expected), normalizeRows(actual)];
  if (expected.length) expect(Object.keys(a[0] ?? {})).toEqual(Object.keys(e[0]!));
  if (options.ordered) {
    expect(a).toEqual(e);
  } else {
    expect(a.map(rowKey).sort()).toEqual(e.map(rowKey).sort());
  }
}

/**
 * Runs the pipeline on Arquero (the oracle) and on Flink, and expects the same rows and columns. The local
 * engine runs it too and must give exactly Arquero's rows (it is Arquero, replayed step by step).
 */
export async function expectSameAsArquero(data: Columns, pipeline: Pipeline, options: DiffOptions = {}): Promise<Row[]> {
  const expected: Row[] = pipeline(aq.table(data), options.other && aq.table(options.other)).objects();
  const onLocal: Table = pipeline(local.table(data), options.other && local.table(options.other));
  expect(normalizeRows(await onLocal.objects())).toEqual(normalizeRows(expected));
  const frame: Table = pipeline(
    fl.table(data, undefined, { types: options.types }),
    options.other && fl.table(options.other, undefined, { types: options.otherTypes }),
  );
  const actual = await frame.objects();
  expectSameRows(actual, expected, options);
  return actual;
}

/** One flinkframe pipeline, stated once over frames: `(t, other) => t.filter(...).groupby(...)...`. */
export type FramePipeline = (t: Table, other?: Table) => Table;

/**
 * Runs one flinkframe pipeline on the local engine (the oracle: Arquero in-process) and on Flink, and expects
 * the same rows and columns, as multisets unless `ordered`. Each side gets the session it runs on (for UDFs).
 */
export async function expectSameOnEngines(
  data: Columns,
  pipeline: FramePipeline,
  options: DiffOptions & { setup?: (session: ff.Session) => void } = {},
): Promise<Row[]> {
  for (const session of [local, fl]) options.setup?.(session);
  const expected = await pipeline(local.table(data), options.other && local.table(options.other)).objects();
  const frame = pipeline(
    fl.table(data, undefined, { types: options.types }),
    options.other && fl.table(options.other, undefined, { types: options.otherTypes }),
  );
  const actual = await frame.objects();
  expectSameRows(actual, expected, options);
  return actual;
}
