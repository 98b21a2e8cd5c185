package dev.flinkframe.arrow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The bytes of one split: an Arrow IPC stream file, or, for an in-memory source, the stream the Node
 * process serves. Node registers each such split as a small stand-in file, {@code flinkframe-source
 * <host> <port> <key>} (src/runtime/source-server.ts), so Flink's file source still lists and
 * assigns the splits.
 */
final class SplitBytes {

  static final String STAND_IN = "flinkframe-source ";
  private static final int LONGEST_STAND_IN = 256;

  private SplitBytes() {}

  /**
   * Opens a split for a reader of the given columns: Node encodes only those (a file has them all,
   * and the reader picks them by name).
   */
  static ReadableByteChannel open(Path path, List<String> columns) throws IOException {
    FileSystem fs = path.getFileSystem();
    if (fs.getFileStatus(path).getLen() <= LONGEST_STAND_IN) {
      String text;
      try (InputStream in = fs.open(path)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (text.startsWith(STAND_IN)) {
        String[] where = text.trim().split(" ");
        return NodeSourceChannel.connect(
            where[1], Integer.parseInt(where[2]), where[3], columns, path);
      }
    }
    FSDataInputStream in = fs.open(path);
    ReadableByteChannel bytes = StreamChannels.reading(in);
    return new ReadableByteChannel() {
      @Override
      public int read(ByteBuffer dst) throws IOException {
        return bytes.read(dst);
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }
}
