package dev.flinkframe.stream;

import dev.flinkframe.arrow.ArrowTypeMapping;
import dev.flinkframe.arrow.ArrowTypeMapping.ColumnWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * One subtask's connection to Node: an Arrow IPC stream of the rows plus a {@code __ff_kind} column (Flink's
 * RowKind byte: 0 insert, 1 update-before, 2 update-after, 3 delete). A batch goes out when it is full, when it
 * is {@code batchMillis} old, before a checkpoint and at the end of input, so a slow stream still shows up.
 */
final class SocketSinkWriter implements SinkWriter<RowData> {
  static final String KIND_COLUMN = "__ff_kind";

  private final Socket socket;
  private final OutputStream out;
  private final BufferAllocator allocator = new RootAllocator();
  private final VectorSchemaRoot root;
  private final FieldVector[] vectors;
  private final ColumnWriter[] writers;
  private final TinyIntVector kinds;
  private final ArrowStreamWriter writer;
  private final int batchRows;
  private final long batchMillis;
  private final ProcessingTimeService time;
  private int rows;

  SocketSinkWriter(RowType rowType, String host, int port, int batchRows, long batchMillis, ProcessingTimeService time)
      throws IOException {
    this.batchRows = batchRows;
    this.batchMillis = batchMillis;
    this.time = time;
    this.socket = new Socket(host, port);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    List<Field> fields = new ArrayList<>(ArrowTypeMapping.schemaOf(rowType).getFields());
    fields.add(new Field(KIND_COLUMN, FieldType.notNullable(new ArrowType.Int(8, true)), null));
    this.root = VectorSchemaRoot.create(new Schema(fields), allocator);
    List<FieldVector> all = root.getFieldVectors();
    this.vectors = all.subList(0, all.size() - 1).toArray(new FieldVector[0]);
    this.kinds = (TinyIntVector) all.get(all.size() - 1);
    this.writers = new ColumnWriter[vectors.length];
    for (FieldVector v : all) {
      v.setInitialCapacity(batchRows);
      v.allocateNew();
    }
    for (int c = 0; c < vectors.length; c++) {
      writers[c] = ArrowTypeMapping.writer(rowType.getFieldNames().get(c), rowType.getTypeAt(c), vectors[c]);
    }
    this.writer = new ArrowStreamWriter(root, null, Channels.newChannel(out));
    writer.start();
    out.flush();
    scheduleFlush();
  }

  private void scheduleFlush() {
    // timer callbacks run in the task's mailbox thread, never concurrently with write()
    time.registerTimer(time.getCurrentProcessingTime() + batchMillis, t -> {
      sendBatch();
      out.flush();
      scheduleFlush();
    });
  }

  @Override
  public void write(RowData row, Context context) throws IOException {
    for (int c = 0; c < vectors.length; c++) {
      if (row.isNullAt(c)) vectors[c].setNull(rows);
      else writers[c].write(row, c, rows);
    }
    kinds.set(rows, row.getRowKind().toByteValue());
    if (++rows == batchRows) sendBatch();
  }

  private void sendBatch() throws IOException {
    if (rows == 0) return;
    for (FieldVector v : root.getFieldVectors()) v.setValueCount(rows);
    root.setRowCount(rows);
    writer.writeBatch();
    for (FieldVector v : root.getFieldVectors()) v.reset();
    rows = 0;
  }

  @Override
  public void flush(boolean endOfInput) throws IOException {
    sendBatch();
    out.flush();
  }

  @Override
  public void close() throws Exception {
    try {
      sendBatch();
      writer.end();
      out.flush();
    } catch (IOException e) {
      // Node stopped reading (a limit was met, the iteration ended): nothing left to deliver
    } finally {
      socket.close();
      root.close();
      allocator.close();
    }
  }
}
