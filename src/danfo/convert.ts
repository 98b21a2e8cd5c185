/* eslint-disable @typescript-eslint/no-explicit-any */
import { FlinkFrameError } from '../errors.js';
import type { Session } from '../frame/session.js';
import { loadDanfo } from './danfo-module.js';
import type { DanfoDtype } from './dtypes.js';
import { FLINK_TYPE_OF } from './dtypes.js';
import { DataFrame } from './frame.js';

/**
 * Runs the frame and builds a danfojs-node DataFrame of the result (rows in the frame's order when it is
 * sorted). The describe() label column becomes Danfo's index.
 */
export async function toDanfo(frame: DataFrame): Promise<any> {
  const dfd = await loadDanfo();
  const names = frame.columns;
  const rows = await frame.objects();
  const index = frame.indexColumn;
  const kept = names.filter((n) => n !== index);
  const columns = Object.fromEntries(kept.map((n) => [n, rows.map((r) => r[n] ?? null)]));
  const options = index === undefined ? {} : { index: rows.map((r) => r[index] as string) };
  if (!rows.length) return new dfd.DataFrame([], { columns: kept });
  return new dfd.DataFrame(columns, options);
}

/** A lazy frame over a danfojs DataFrame's data (copied now), keeping Danfo's dtypes. Danfo's index is not kept. */
export function fromDanfo(danfoFrame: any, options: { session?: Session } = {}): DataFrame {
  if (!danfoFrame || !Array.isArray(danfoFrame.columns) || typeof danfoFrame.column !== 'function') {
    throw new FlinkFrameError('fromDanfo: pass a danfojs DataFrame (for a Series s: new dfd.DataFrame({ name: s.values })).');
  }
  const names: string[] = danfoFrame.columns;
  const dtypes: string[] = danfoFrame.dtypes;
  const columns = Object.fromEntries(names.map((n) => [n, [...danfoFrame.column(n).values].map((v: unknown) => (v === undefined ? null : v))]));
  const known = (d: string): d is DanfoDtype => Object.hasOwn(FLINK_TYPE_OF, d);
  const typed = Object.fromEntries(names.map((n, i) => [n, dtypes[i]!]).filter(([, d]) => known(d!))) as Record<string, DanfoDtype>;
  return new DataFrame(columns, { session: options.session, dtypes: typed });
}
