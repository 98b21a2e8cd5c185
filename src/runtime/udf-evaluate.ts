/**
 * Runs a UDF over one Arrow batch: row-at-a-time (one call per row, with JS values) or vectorized (one call
 * per batch, with a typed array per numeric argument without nulls and the Arrow vector otherwise).
 */
import { type Table, type Vector } from 'apache-arrow';
import { BadResult, resultVector } from './udf-result.js';
import type { UdfWorkerSpec } from './udf-spec.js';

/** A UDF failure with where it happened, reported to the Java operator. */
export class UdfError extends Error {
  constructor(readonly cause: unknown, readonly where: string) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

type Fn = (...args: unknown[]) => unknown;

/** JS values as Arquero reads Arrow: 64-bit integers as numbers (exact up to 2^53). */
export function jsValue(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

export function vectorArg(vector: Vector): unknown {
  const typed = vector.nullCount === 0 && vector.data.length === 1 ? vector.toArray() : undefined;
  return ArrayBuffer.isView(typed) ? typed : vector;
}

export function rowText(columns: Vector[], names: string[], row: number): string {
  return '(' + names.map((n, c) => `${n}=${JSON.stringify(jsValue(columns[c].get(row))) ?? 'undefined'}`).join(', ') + ')';
}

export function evaluate(fn: Fn, spec: UdfWorkerSpec, batch: Table): Vector {
  const rows = batch.numRows;
  // one column per argument (a SQL call's spec does not list its arguments: Flink hands them over per row)
  const columns = batch.schema.fields.map((_, c) => batch.getChildAt(c)!);
  const argNames = batch.schema.fields.map((f, c) => spec.argLabels?.[c] ?? f.name);
  if (spec.vectorized) {
    let out: unknown;
    try {
      out = fn(...columns.map(vectorArg));
    } catch (e) {
      throw new UdfError(e, `on a batch of ${rows} rows starting with ${rowText(columns, argNames, 0)}`);
    }
    try {
      return resultVector(out, rows, spec.returns);
    } catch (e) {
      throw new UdfError(e, `on a batch of ${rows} rows`);
    }
  }
  const out = new Array(rows);
  const args = new Array(columns.length);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < columns.length; c++) args[c] = jsValue(columns[c].get(i));
    try {
      out[i] = fn(...args);
    } catch (e) {
      throw new UdfError(e, `on row ${rowText(columns, argNames, i)}`);
    }
  }
  try {
    return resultVector(out, rows, spec.returns);
  } catch (e) {
    const row = e instanceof BadResult ? e.row : undefined;
    throw new UdfError(e, row === undefined ? `on a batch of ${rows} rows` : `on row ${rowText(columns, argNames, row)}`);
  }
}
