/**
 * Generated tables for differential tests: each column draws from a pool of awkward values (nulls, NaN,
 * infinities, -0, empty strings, unicode with astral characters, integers near 2^53, instants on both sides of
 * daylight-saving changes, dates before 1970) in an order shuffled by a seeded generator, so a test sees every
 * awkward value next to ordinary ones, and the same table on every run.
 */
import { random } from '../../bench/seeded-random.js';

/** Pools of values per column; `rows` rows cycle through a shuffled copy of each pool. */
export const POOLS = {
  // doubles
  x: [0, -0, 1.5, -2.25, 0.1, 1e10, -1e-7, 2.5, -0.5, 3, 1e21, null, NaN, Infinity, -Infinity, 123456789.125, 7],
  // small integers, with nulls (typed INT on the Flink side)
  i: [0, 1, -1, 2, 3, 7, -13, 42, null, 2147483647, -2147483648, 100],
  // integers near 2^53 (typed BIGINT): exact in JS doubles
  big: [2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53 - 2, 2 ** 52 + 1, 9007199254740000, 0, null, 1, -1],
  s: ['', ' ', 'a', 'Ada', "O'Brien", 'Bob "B"', 'straße', 'ÄÖÜ äöü', '李雷', 'x😀y', '😀', ' padded  ', 'a,b,c', 'tab\there', null, 'ΣΑΣ', 'İi', '10', '-3.5e2 ', '0x1F'],
  b: [true, false, null],
  g: ['a', 'b', 'c', null],
  // instants around the 2024 US (Mar 10, Nov 3) and EU (Mar 31, Oct 27) daylight-saving changes, leap days, before 1970
  t: [
    '2024-03-10T06:59:59.999Z', '2024-03-10T07:00:00.000Z', '2024-03-31T00:59:59.000Z', '2024-03-31T01:00:00.000Z',
    '2024-10-27T00:30:00.000Z', '2024-11-03T05:59:59.500Z', '2024-11-03T06:00:00.000Z', '2024-02-29T12:00:00.000Z',
    '1969-12-31T23:59:59.500Z', '1900-03-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z', '2023-12-31T23:59:59.999Z',
    null,
  ].map((s) => (s === null ? null : new Date(s))),
} as const;

/** Flink SQL types of the generated columns (Arquero has none; JS numbers would all be DOUBLE). */
export const GENERATED_TYPES: Record<string, string> = { i: 'INT', big: 'BIGINT' };

function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export type GeneratedColumn = keyof typeof POOLS;

/**
 * A table of `rows` rows with the given columns (all by default) and a unique integer `id` column (typed INT) to
 * order by. Every pool value appears when `rows` is at least the pool's size.
 */
export function generatedTable(options: { rows?: number; seed?: number; columns?: GeneratedColumn[] } = {}): {
  data: Record<string, unknown[]>;
  types: Record<string, string>;
} {
  const { rows = 24, seed = 1, columns = Object.keys(POOLS) as GeneratedColumn[] } = options;
  const next = random(seed);
  const data: Record<string, unknown[]> = { id: Array.from({ length: rows }, (_, i) => i) };
  for (const name of columns) {
    const pool = POOLS[name] as readonly unknown[];
    const order = shuffled(pool, next);
    data[name] = Array.from({ length: rows }, (_, r) => order[r % order.length]);
  }
  const types = Object.fromEntries(Object.entries({ ...GENERATED_TYPES, id: 'INT' }).filter(([k]) => k in data));
  return { data, types };
}
