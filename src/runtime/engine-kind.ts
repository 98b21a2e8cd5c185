import { FlinkFrameError } from '../errors.js';
import type { EngineKind, SessionOptions } from './session-options.js';

const KINDS: readonly EngineKind[] = ['flink', 'local'];

/** The session's engine: its `engine` option, else FLINKFRAME_ENGINE (so a test suite switches without code changes), else Flink. */
export function engineKind(options: SessionOptions): EngineKind {
  const chosen = options.engine ?? (process.env.FLINKFRAME_ENGINE?.trim().toLowerCase() || 'flink');
  if (!KINDS.includes(chosen as EngineKind)) {
    const where = options.engine !== undefined ? `session({ engine: ${JSON.stringify(options.engine)} })` : `FLINKFRAME_ENGINE=${process.env.FLINKFRAME_ENGINE}`;
    throw new FlinkFrameError(`${where}: unknown engine; use 'flink' (Apache Flink, the default) or 'local' (Arquero in this process, for unit tests).`);
  }
  return chosen as EngineKind;
}
