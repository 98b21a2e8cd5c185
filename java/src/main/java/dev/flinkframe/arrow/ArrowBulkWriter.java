package dev.flinkframe.arrow;

import dev.flinkframe.arrow.ArrowTypeMapping.ColumnWriter;
import java.io.Flushable;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Writes rows as an Arrow IPC stream: the schema first (so that a file with no rows still tells
 * its columns), then one record batch per {@code batchSize} rows, then the end-of-stream marker.
 */
final class ArrowBulkWriter implements BulkWriter<RowData> {

  /** Serializable recipe for one writer per part file. */
  static final class Factory implements BulkWriter.Factory<RowData> {
    private static final long serialVersionUID = 1L;

    private final RowType rowType;
    private final int batchSize;

    Factory(RowType rowType, int batchSize) {
      ArrowTypeMapping.checkSupported(rowType);
      this.rowType = rowType;
      this.batchSize = batchSize;
    }

    @Override
    public BulkWriter<RowData> create(FSDataOutputStream out) throws IOException {
      return new ArrowBulkWriter(rowType, batchSize, StreamChannels.writing(out), out::flush);
    }

    /** A writer straight onto a channel (from its position on), which its owner flushes and closes. */
    BulkWriter<RowData> create(WritableByteChannel channel) throws IOException {
      return new ArrowBulkWriter(rowType, batchSize, channel, () -> {});
    }
  }

  private final Flushable out;
  private final int batchSize;
  private final BufferAllocator allocator = new RootAllocator();
  private final VectorSchemaRoot root;
  private final FieldVector[] vectors;
  private final ColumnWriter[] writers;
  private final ArrowStreamWriter writer;
  private int rows;

  private ArrowBulkWriter(RowType rowType, int batchSize, WritableByteChannel channel, Flushable out)
      throws IOException {
    this.out = out;
    this.batchSize = batchSize;
    this.root = VectorSchemaRoot.create(ArrowTypeMapping.schemaOf(rowType), allocator);
    this.vectors = root.getFieldVectors().toArray(new FieldVector[0]);
    this.writers = new ColumnWriter[vectors.length];
    try {
      for (int c = 0; c < vectors.length; c++) {
        // Fixed-width writers set values without growing: every vector holds a whole batch.
        vectors[c].setInitialCapacity(batchSize);
        vectors[c].allocateNew();
        writers[c] = ArrowTypeMapping.writer(
            rowType.getFieldNames().get(c), rowType.getTypeAt(c), vectors[c]);
      }
      // The sink owns and closes the stream; the writer only ever flushes it.
      this.writer = new ArrowStreamWriter(root, null, channel);
      writer.start();
    } catch (RuntimeException | IOException e) {
      root.close();
      allocator.close();
      throw e;
    }
  }

  @Override
  public void addElement(RowData row) throws IOException {
    for (int c = 0; c < vectors.length; c++) {
      if (row.isNullAt(c)) {
        vectors[c].setNull(rows);
      } else {
        writers[c].write(row, c, rows);
      }
    }
    if (++rows == batchSize) {
      writeBatch();
    }
  }

  private void writeBatch() throws IOException {
    root.setRowCount(rows);
    writer.writeBatch();
    for (FieldVector v : vectors) {
      v.reset();
    }
    rows = 0;
  }

  @Override
  public void flush() throws IOException {
    if (rows > 0) {
      writeBatch();
    }
    out.flush();
  }

  @Override
  public void finish() throws IOException {
    try {
      flush();
      writer.end();
      out.flush();
    } finally {
      root.close();
      allocator.close();
    }
  }
}
