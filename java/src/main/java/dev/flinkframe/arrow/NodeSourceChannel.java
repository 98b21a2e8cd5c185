package dev.flinkframe.arrow;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.core.fs.Path;

/**
 * A split of an in-memory source, read from the Node process that holds it
 * (src/runtime/source-server-thread.ts): frames {@code [int32 length][bytes]} of the Arrow IPC
 * stream, ended by a frame of length 0. A frame of length -1 carries the Node writer's error: the
 * read fails with it instead of taking the batches so far for the whole table; so does a connection
 * closed before the end frame.
 */
final class NodeSourceChannel implements ReadableByteChannel {

  private final SocketChannel socket;
  private final ByteBuffer header = ByteBuffer.allocate(4);
  private int left;
  private boolean ended;

  private NodeSourceChannel(SocketChannel socket) {
    this.socket = socket;
  }

  static NodeSourceChannel connect(
      String host, int port, String key, List<String> columns, Path standIn) throws IOException {
    SocketChannel socket;
    try {
      socket = SocketChannel.open(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IOException("Cannot reach the Node process serving the in-memory source " + standIn
          + " at " + host + ":" + port + " (" + e.getMessage() + "). Its rows live in the Node"
          + " process of the session that made the table, which must stay open while its jobs run.",
          e);
    }
    ByteBuffer request = ByteBuffer.wrap(request(key, columns).getBytes(StandardCharsets.UTF_8));
    while (request.hasRemaining()) {
      socket.write(request);
    }
    return new NodeSourceChannel(socket);
  }

  /**
   * {@code <key> <column>,<column>...\n}: the columns the reader reads, each as base64 of its UTF-8
   * name (any character may be in a name), so that Node encodes only those.
   */
  private static String request(String key, List<String> columns) {
    Base64.Encoder base64 = Base64.getEncoder();
    return key + " " + columns.stream()
        .map(c -> base64.encodeToString(c.getBytes(StandardCharsets.UTF_8)))
        .collect(Collectors.joining(",")) + "\n";
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    while (left == 0) {
      if (ended) {
        return -1;
      }
      int length = readInt();
      if (length == 0) {
        ended = true;
        return -1;
      }
      if (length < 0) {
        ByteBuffer message = ByteBuffer.allocate(readInt());
        fill(message);
        throw new IOException("The in-memory source was not read to its end: "
            + new String(message.array(), StandardCharsets.UTF_8));
      }
      left = length;
    }
    int limit = dst.limit();
    dst.limit(dst.position() + Math.min(dst.remaining(), left));
    try {
      int n = socket.read(dst);
      if (n < 0) {
        throw closedEarly();
      }
      left -= n;
      return n;
    } finally {
      dst.limit(limit);
    }
  }

  private int readInt() throws IOException {
    header.clear();
    fill(header);
    return header.getInt(0);
  }

  private void fill(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (socket.read(buffer) < 0) {
        throw closedEarly();
      }
    }
  }

  private static IOException closedEarly() {
    return new IOException("The Node process serving an in-memory source closed the connection"
        + " before the end of the table (did its session close while the job ran?).");
  }

  @Override
  public boolean isOpen() {
    return socket.isOpen();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
