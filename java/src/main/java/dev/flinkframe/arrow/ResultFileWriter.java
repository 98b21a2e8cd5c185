package dev.flinkframe.arrow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.table.data.RowData;

/**
 * One subtask's result file, overwritten in place (see {@link ResultSinkFactory}): a header, then the Arrow IPC
 * stream of the rows. The header, {@value #HEADER_BYTES} bytes: "FFRESULT", the stream's length (int64, big
 * endian), the token's length (int32) and the token (ASCII).
 */
final class ResultFileWriter implements SinkWriter<RowData> {
  static final int HEADER_BYTES = 64;
  private static final byte[] MAGIC = "FFRESULT".getBytes(StandardCharsets.US_ASCII);

  private final FileChannel channel;
  private final BulkWriter<RowData> arrow;
  private final byte[] header;
  private boolean finished;

  ResultFileWriter(ArrowBulkWriter.Factory arrow, Path file, byte[] header) throws IOException {
    this.header = header;
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      // no TRUNCATE_EXISTING: the point is to write pages the file already has
      writeFully(ByteBuffer.allocate(HEADER_BYTES), 0); // whatever was there is no longer a result
      channel.position(HEADER_BYTES);
      this.arrow = arrow.create(channel); // Arrow's buffers go to the file without a copy on the heap
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The header of a stream of {@code length} bytes written for {@code token}. */
  static byte[] header(String token, long length) {
    byte[] text = token.getBytes(StandardCharsets.US_ASCII);
    if (text.length > HEADER_BYTES - MAGIC.length - 12) {
      throw new IllegalArgumentException("A result token has at most 44 characters: " + token);
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.put(MAGIC).putLong(length).putInt(text.length).put(text);
    return header.array();
  }

  @Override
  public void write(RowData row, Context context) throws IOException {
    arrow.addElement(row);
  }

  @Override
  public void flush(boolean endOfInput) throws IOException {
    if (!endOfInput || finished) return;
    finished = true;
    arrow.finish();
    long length = channel.position() - HEADER_BYTES;
    ByteBuffer.wrap(header).putLong(MAGIC.length, length);
    writeFully(ByteBuffer.wrap(header), 0);
  }

  @Override
  public void close() throws Exception {
    try (channel) {
      if (!finished) arrow.finish(); // frees its buffers; the header stays zero
    }
  }

  private void writeFully(ByteBuffer bytes, long at) throws IOException {
    while (bytes.hasRemaining()) at += channel.write(bytes, at);
  }
}
