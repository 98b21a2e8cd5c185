package dev.flinkframe.udf;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The files an operator and its Node worker pass batches through, while the pipes carry only frame headers.
 * A pipe holds 64 KiB: a 160 KB batch written to it wakes the other process several times, and on a busy machine
 * each wake-up waits for a core; a file takes one write and one read.
 *
 * <p>There are {@code slots} request files and as many reply files, used in turn (the n-th request passed by file
 * goes to request slot n % slots, and so for replies), and at most {@code slots} batches are in flight: the
 * operator writes request n only after reading reply n - slots, which the worker wrote after reading request
 * n - slots, so a slot is never rewritten before it has been read. The files live in /dev/shm (memory) when the
 * machine has it, else in the worker's directory; the worker removes them once it has opened them, so nothing
 * is left when either process dies.
 */
final class UdfExchange implements AutoCloseable {
  /** Payloads from this size on go through the files; smaller ones (the spec, close(), errors) in the frame. */
  static final int FILE_THRESHOLD = 4096;
  static final String DIR_ENV = "FLINKFRAME_UDF_EXCHANGE";
  static final String SLOTS_ENV = "FLINKFRAME_UDF_EXCHANGE_SLOTS";

  private final Path dir;
  private final int slots;
  private final FileChannel[] requestFiles;
  private final FileChannel[] replyFiles;
  private long requestsWritten;
  private long repliesRead;

  UdfExchange(Path workerDir, int slots) throws IOException {
    Path shm = Path.of("/dev/shm");
    this.dir = Files.createTempDirectory(Files.isDirectory(shm) && Files.isWritable(shm) ? shm : workerDir, "flinkframe-udf-");
    this.slots = slots;
    this.requestFiles = new FileChannel[slots];
    this.replyFiles = new FileChannel[slots];
    try {
      for (int i = 0; i < slots; i++) {
        requestFiles[i] = FileChannel.open(dir.resolve("request-" + i), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        replyFiles[i] = FileChannel.open(dir.resolve("reply-" + i), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
      }
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** Where the worker finds the files (environment variables of its process). */
  Map<String, String> environment() {
    return Map.of(DIR_ENV, dir.toString(), SLOTS_ENV, String.valueOf(slots));
  }

  void writeRequest(byte[] bytes) throws IOException {
    FileChannel file = requestFiles[(int) (requestsWritten++ % slots)];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) file.write(buffer, buffer.position());
  }

  byte[] readReply(int length) throws IOException {
    FileChannel file = replyFiles[(int) (repliesRead++ % slots)];
    byte[] bytes = new byte[length];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      if (file.read(buffer, buffer.position()) < 0) throw new EOFException("the reply file ends early");
    }
    return bytes;
  }

  @Override
  public void close() {
    for (FileChannel[] files : new FileChannel[][] {requestFiles, replyFiles}) {
      for (FileChannel file : files) {
        try {
          if (file != null) file.close();
        } catch (IOException e) {
          // closing: nothing to do about it
        }
      }
    }
    try {
      for (int i = 0; i < slots; i++) {
        Files.deleteIfExists(dir.resolve("request-" + i));
        Files.deleteIfExists(dir.resolve("reply-" + i));
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // the worker removed them already
    }
  }
}
