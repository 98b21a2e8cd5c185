package dev.flinkframe.udf;

import dev.flinkframe.arrow.ArrowTypeMapping;
import dev.flinkframe.arrow.ArrowTypeMapping.ColumnWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.columnar.ColumnarRowData;
import org.apache.flink.table.data.columnar.vector.ColumnVector;
import org.apache.flink.table.data.columnar.vector.VectorizedColumnBatch;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Rows to an Arrow IPC stream of the UDF's argument columns, and a result stream back to values, with the
 * flinkframe-arrow format's type mapping. The result is checked per batch: one column, the declared type,
 * one value per input row.
 */
final class ArrowBatchCodec {
  static final String METRICS_METADATA_KEY = "flinkframe.metrics";

  private final String udfName;
  private final RowType argType;
  private final int[] argFields;
  private final LogicalType[] resultTypes;
  private final List<String> returns;
  private final BufferAllocator allocator;
  /** The metric updates the last decoded result carried (schema metadata), or null. */
  private String lastMetrics;

  /** Reused from batch to batch: the argument vectors (buffers grow, never shrink) and the bytes written. */
  private VectorSchemaRoot root;
  private ColumnWriter[] writers;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);

  ArrowBatchCodec(String udfName, RowType argType, int[] argFields, LogicalType[] resultTypes, List<String> returns,
      BufferAllocator allocator) {
    this.udfName = udfName;
    this.argType = argType;
    this.argFields = argFields;
    this.resultTypes = resultTypes;
    this.returns = returns;
    this.allocator = allocator;
  }

  private void allocate(int rows) {
    if (root == null) {
      root = VectorSchemaRoot.create(ArrowTypeMapping.schemaOf(argType), allocator);
      List<FieldVector> vectors = root.getFieldVectors();
      writers = new ColumnWriter[vectors.size()];
      for (int c = 0; c < vectors.size(); c++) {
        vectors.get(c).setInitialCapacity(rows);
        vectors.get(c).allocateNew();
        writers[c] = ArrowTypeMapping.writer(argType.getFieldNames().get(c), argType.getTypeAt(c), vectors.get(c));
      }
      return;
    }
    for (FieldVector vector : root.getFieldVectors()) {
      vector.reset();
      while (vector.getValueCapacity() < rows) vector.reAlloc();
    }
  }

  /** The argument columns of the rows as one Arrow IPC stream, written straight from the rows. */
  byte[] encode(List<RowData> rows) throws IOException {
    int n = rows.size();
    allocate(n);
    List<FieldVector> vectors = root.getFieldVectors();
    for (int c = 0; c < vectors.size(); c++) {
      FieldVector vector = vectors.get(c);
      ColumnWriter writer = writers[c];
      int field = argFields[c];
      for (int i = 0; i < n; i++) {
        RowData row = rows.get(i);
        if (row.isNullAt(field)) vector.setNull(i);
        else writer.write(row, field, i);
      }
      vector.setValueCount(n);
    }
    root.setRowCount(n);
    out.reset();
    try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
      writer.start();
      writer.writeBatch();
      writer.end();
    }
    return out.toByteArray();
  }

  /** The first result column's values (a SQL function call has one). */
  Object[] decode(byte[] bytes, int expectedRows) throws IOException {
    return decodeColumns(bytes, expectedRows)[0];
  }

  /** The result columns' values, copied out of Arrow memory: [column][row], row i is input row i. */
  Object[][] decodeColumns(byte[] bytes, int expectedRows) throws IOException {
    Object[][] values = new Object[resultTypes.length][expectedRows];
    ResultRows copy = row -> {
      for (int c = 0; c < values.length; c++) {
        RowData.FieldGetter getter = RowData.createFieldGetter(resultTypes[c], c);
        for (int i = 0; i < expectedRows; i++) {
          row.setRowId(i);
          values[c][i] = getter.getFieldOrNull(row);
        }
      }
    };
    try {
      readRows(bytes, expectedRows, copy);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e); // the copy throws nothing checked
    }
    return values;
  }

  /** What reads a result batch: one row view over the Arrow vectors, moved with setRowId, valid during the call. */
  interface ResultRows {
    void read(ColumnarRowData row) throws Exception;
  }

  /**
   * Checks a result stream (one batch, one value per input row, the declared columns and types) and hands its
   * rows to {@code reader} as a view over the Arrow vectors: nothing is copied or boxed.
   */
  void readRows(byte[] bytes, int expectedRows, ResultRows reader) throws Exception {
    try (ArrowStreamReader stream = new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator)) {
      VectorSchemaRoot result = stream.getVectorSchemaRoot();
      Map<String, String> metadata = result.getSchema().getCustomMetadata();
      lastMetrics = metadata == null ? null : metadata.get(METRICS_METADATA_KEY);
      if (!stream.loadNextBatch()) throw wrong("an empty result stream");
      int rows = result.getRowCount();
      if (rows != expectedRows) {
        throw wrong(rows + " values for a batch of " + expectedRows + " rows; a UDF must return one value per row");
      }
      int columns = result.getFieldVectors().size();
      if (columns != resultTypes.length) throw wrong(columns + " result columns, expected " + resultTypes.length);
      ColumnVector[] views = new ColumnVector[columns];
      for (int c = 0; c < columns; c++) {
        FieldVector vector = result.getVector(c);
        try {
          views[c] = ArrowTypeMapping.view(udfName, resultTypes[c], vector.getField().getType()).apply(vector);
        } catch (IllegalArgumentException e) {
          throw wrong("values of Arrow type " + vector.getField().getType() + ", but it declares returns: '" + returns.get(c) + "'");
        }
      }
      VectorizedColumnBatch batch = new VectorizedColumnBatch(views);
      batch.setNumRows(rows);
      reader.read(new ColumnarRowData(batch));
    }
  }

  /** Frees the reused vectors (before the allocator closes). */
  void close() {
    if (root != null) root.close();
    root = null;
  }

  /** The metric updates (JSON) sent with the result decoded last, or null. */
  String lastMetrics() {
    return lastMetrics;
  }

  private UdfFailure wrong(String what) {
    return new UdfFailure("JavaScript UDF '" + udfName + "' returned " + what + ".");
  }
}
