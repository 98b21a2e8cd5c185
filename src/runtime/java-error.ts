import { FlinkFrameError } from '../errors.js';

const JAVA_FRAME = /^\s*(at |\.\.\. \d+ more|Caused by: |Suppressed: )/;
const NOISE = /^(java\.util\.concurrent\.\w+Exception|org\.apache\.flink\.runtime\.client\.JobExecutionException|dev\.flinkframe\.udf\.UdfFailure): /;

/**
 * java-bridge hands us the root cause followed by a wall of Java frames. Users need the cause, first, in
 * their words, and the SQL we generated; the frames go to the log.
 */
export function readableJavaError(error: unknown, what: string, sql?: string): FlinkFrameError {
  if (error instanceof FlinkFrameError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const lines = raw.split('\n').filter((line) => line.trim() && !JAVA_FRAME.test(line));
  const cause = lines.map((line) => line.replace(NOISE, '')).slice(0, 6).join('\n');
  const message = `${what} failed: ${cause}` + (sql ? `\n\nGenerated Flink SQL:\n${sql}` : '');
  const readable = new FlinkFrameError(message, { sql });
  // not `cause`: Node prints a cause in full when the error is not caught, which is the wall of frames again
  Object.defineProperty(readable, 'javaError', { value: error, enumerable: false });
  return readable;
}
