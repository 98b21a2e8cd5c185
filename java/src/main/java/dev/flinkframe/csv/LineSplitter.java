package dev.flinkframe.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a byte stream into lines at '\n' (dropping a trailing '\r') without decoding or copying them: the CSV parser
 * reads each line straight out of {@link #buffer()}. This only finds line ends; all CSV syntax is left to Jackson.
 * A lone '\r' is not a line end.
 */
final class LineSplitter implements Closeable {
  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int limit;       // bytes of buf holding data
  private int pos;         // first byte of buf not yet returned as a line
  private int scanned;     // bytes of buf before this are known to hold no '\n' after pos
  private long dropped;    // bytes discarded from the front of buf so far
  private boolean eof;
  private long lineNumber;
  private int lineStart;
  private int lineLength;

  LineSplitter(InputStream in) {
    this.in = in;
  }

  /** Advances to the next line; false at end of input. A final line without '\n' still counts. */
  boolean next() throws IOException {
    while (true) {
      for (int i = scanned; i < limit; i++) {
        if (buf[i] == '\n') {
          setLine(pos, i);
          pos = scanned = i + 1;
          return true;
        }
      }
      scanned = limit;
      if (eof) {
        if (pos == limit) {
          return false;
        }
        setLine(pos, limit);
        pos = limit;
        return true;
      }
      fill();
    }
  }

  private void setLine(int start, int end) {
    lineNumber++;
    if (end > start && buf[end - 1] == '\r') {
      end--;
    }
    // A UTF-8 byte order mark (written by Excel) would otherwise become part of the first field.
    if (lineNumber == 1 && end - start >= 3 && buf[start] == (byte) 0xEF && buf[start + 1] == (byte) 0xBB
        && buf[start + 2] == (byte) 0xBF) {
      start += 3;
    }
    lineStart = start;
    lineLength = end - start;
  }

  // Keeps the unfinished line, moving it to the front (or into a bigger buffer when it fills the whole buffer).
  private void fill() throws IOException {
    int kept = limit - pos;
    byte[] target = kept == buf.length ? new byte[buf.length * 2] : buf;
    System.arraycopy(buf, pos, target, 0, kept);
    buf = target;
    dropped += pos;
    scanned -= pos;
    pos = 0;
    limit = kept;
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  /** 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  byte[] buffer() {
    return buf;
  }

  int lineStart() {
    return lineStart;
  }

  int lineLength() {
    return lineLength;
  }

  /** Bytes of input consumed up to the end of the current line. */
  long position() {
    return dropped + pos;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
