package dev.flinkframe.csv;

import java.io.IOException;

/**
 * A row that does not fit the table's columns. It carries no cause on purpose: callers (java-bridge, Flink's job
 * failure) surface the root cause's message, and this message is the one written for the user. The parser's own
 * exception is attached as suppressed for debugging.
 */
public final class MalformedCsvRowException extends IOException {
  public MalformedCsvRowException(String file, long line, String reason, Throwable detail) {
    super("Malformed CSV row at " + file + " line " + line + ": " + reason
        + ". Fix the row, or pass { skipInvalid: true } to loadCSV to skip bad rows.");
    if (detail != null) {
      addSuppressed(detail);
    }
  }
}
