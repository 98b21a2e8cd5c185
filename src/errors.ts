/**
 * The error flinkframe raises for anything the user can fix: a bad column, an expression with no
 * translation, an unreadable file, a failed job. The message names the culprit and says what to do;
 * `sql` carries the generated SQL when there is one.
 */
export class FlinkFrameError extends Error {
  readonly sql?: string;
  constructor(message: string, options: { sql?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FlinkFrameError';
    if (options.sql !== undefined) this.sql = options.sql;
  }
}
