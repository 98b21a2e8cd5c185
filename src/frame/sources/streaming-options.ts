import { FlinkFrameError } from '../../errors.js';
import { durationMs, intervalSql } from '../../translate/interval.js';
import type { Schema } from '../../translate/schema.js';
import { quoteIdent } from '../../translate/sql-text.js';

/** An event-time attribute: the column, and how late rows may arrive (the watermark's delay). */
export interface WatermarkOption {
  column: string;
  /** e.g. '5 seconds'; default 0 (rows arrive in time order). */
  delay?: string;
}

/** What file sources take for streaming: event time, and watching a folder for new files. */
export interface StreamingSourceOptions {
  /** Declares a TIMESTAMP(3) column as event time, for window() in a streaming session. */
  watermark?: WatermarkOption;
  /** Keep watching the folder for new files, checking this often ('1 s'): the source never ends. */
  watch?: string;
}

/** `WATERMARK FOR ts AS ts - INTERVAL '5' SECOND`: makes a TIMESTAMP(3) column the event-time attribute. */
export function watermarkClause(schema: Schema, option: WatermarkOption, verb: string): string {
  const field = schema.find((f) => f.name === option.column);
  if (!field || !/^TIMESTAMP(_LTZ)?\(3\)/.test(field.type)) {
    throw new FlinkFrameError(
      `${verb}: the watermark column "${option.column}" must be a TIMESTAMP(3) or TIMESTAMP_LTZ(3) column` +
        (field ? `, not ${field.type} (give it with types: { ${option.column}: 'TIMESTAMP(3)' })` : `; the columns are ${schema.map((f) => f.name).join(', ')}`) + '.',
    );
  }
  const column = quoteIdent(option.column);
  return `WATERMARK FOR ${column} AS ${option.delay ? `${column} - ${intervalSql(option.delay, `${verb} watermark`)}` : column}`;
}

/** The filesystem connector's option that keeps a source reading new files. */
export function watchOptions(options: StreamingSourceOptions, verb: string): Record<string, string> {
  return options.watch ? { 'source.monitor-interval': `${durationMs(options.watch, `${verb} watch`)} ms` } : {};
}
