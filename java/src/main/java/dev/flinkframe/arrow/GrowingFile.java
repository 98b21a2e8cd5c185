package dev.flinkframe.arrow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * A file that Node may still be writing while the job reads it: an in-memory source's Arrow stream
 * is written batch by batch once the job is submitted (src/runtime/source-file.ts). Marker files
 * next to it (hidden from the file source by their leading underscore) say how to read its end:
 * while {@value #WRITING} exists, the end of the file means "not yet", so the reader waits; a
 * {@value #FAILED} marker means the writer stopped before the end, and the read fails with the
 * writer's message instead of taking the bytes so far for the whole table.
 */
final class GrowingFile {

  static final String WRITING = "_writing";
  static final String FAILED = "_failed";

  /** Waits double from the first to the last while no byte comes: few wake-ups take CPU from Node's writer. */
  private static final long FIRST_WAIT_NANOS = 50_000;
  private static final long LONGEST_WAIT_NANOS = 1_000_000;

  private final FileSystem fs;
  private final Path writing;
  private final Path failed;
  private long wait = FIRST_WAIT_NANOS;

  GrowingFile(Path file) throws IOException {
    this.fs = file.getFileSystem();
    this.writing = new Path(file.getParent(), WRITING);
    this.failed = new Path(file.getParent(), FAILED);
  }

  /**
   * Called at the end of the bytes written so far: true once more may have been written (read
   * again), false when the writer is done; throws when the writer failed.
   */
  boolean awaitMore() throws IOException {
    boolean stillWriting = fs.exists(writing);
    if (fs.exists(failed)) {
      throw new IOException("The in-memory source was not written to the end: " + message());
    }
    if (stillWriting) {
      LockSupport.parkNanos(wait);
      wait = Math.min(2 * wait, LONGEST_WAIT_NANOS);
    }
    return stillWriting;
  }

  /** Bytes came: the next wait starts short again. */
  void readSome() {
    wait = FIRST_WAIT_NANOS;
  }

  private String message() {
    try (InputStream in = fs.open(failed)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(its message could not be read: " + e.getMessage() + ")";
    }
  }
}
