package dev.flinkframe.arrow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import org.apache.flink.core.fs.ByteBufferReadable;

/**
 * Byte channels over Flink's file streams for Arrow's IPC reader and writer. The JDK's
 * {@code Channels.newChannel} moves Arrow's off-heap buffers 8 KB (one system call) at a time,
 * which cost a third of the write time; these move 1 MB at a time, or read local files straight
 * into Arrow's buffers. Neither closes its stream: the reader and the file sink do.
 */
final class StreamChannels {

  private static final int CHUNK = 1 << 20;

  private StreamChannels() {}

  static ReadableByteChannel reading(InputStream in) {
    if (in instanceof ByteBufferReadable direct) {
      return new Open() {
        @Override
        public int read(ByteBuffer dst) throws IOException {
          return direct.read(dst);
        }
      };
    }
    byte[] chunk = new byte[CHUNK];
    return new Open() {
      @Override
      public int read(ByteBuffer dst) throws IOException {
        int n = in.read(chunk, 0, Math.min(chunk.length, dst.remaining()));
        if (n > 0) {
          dst.put(chunk, 0, n);
        }
        return n;
      }
    };
  }

  static WritableByteChannel writing(OutputStream out) {
    byte[] chunk = new byte[CHUNK];
    return new Open() {
      @Override
      public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        while (src.hasRemaining()) {
          int k = Math.min(chunk.length, src.remaining());
          src.get(chunk, 0, k);
          out.write(chunk, 0, k);
        }
        return n;
      }
    };
  }

  /** A channel that stays open until its stream's owner closes the stream. */
  private abstract static class Open implements ReadableByteChannel, WritableByteChannel {
    @Override
    public int read(ByteBuffer dst) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
