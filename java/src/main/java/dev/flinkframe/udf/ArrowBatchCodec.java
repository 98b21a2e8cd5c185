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
  private final LogicalType resultType;
  private final String returns;
  private final BufferAllocator allocator;
  /** The metric updates the last decoded result carried (schema metadata), or null. */
  private String lastMetrics;

  ArrowBatchCodec(String udfName, RowType argType, int[] argFields, LogicalType resultType, String returns,
      BufferAllocator allocator) {
    this.udfName = udfName;
    this.argType = argType;
    this.argFields = argFields;
    this.resultType = resultType;
    this.returns = returns;
    this.allocator = allocator;
  }

  byte[] encode(List<RowData> rows) throws IOException {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowTypeMapping.schemaOf(argType), allocator)) {
      List<FieldVector> vectors = root.getFieldVectors();
      for (int c = 0; c < vectors.size(); c++) {
        FieldVector vector = vectors.get(c);
        vector.setInitialCapacity(rows.size());
        vector.allocateNew();
        ColumnWriter writer = ArrowTypeMapping.writer(argType.getFieldNames().get(c), argType.getTypeAt(c), vector);
        int field = argFields[c];
        for (int i = 0; i < rows.size(); i++) {
          RowData row = rows.get(i);
          if (row.isNullAt(field)) vector.setNull(i);
          else writer.write(row, field, i);
        }
        vector.setValueCount(rows.size());
      }
      root.setRowCount(rows.size());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
        writer.start();
        writer.writeBatch();
        writer.end();
      }
      return out.toByteArray();
    }
  }

  /** The result values, copied out of Arrow memory (index i is input row i). */
  Object[] decode(byte[] bytes, int expectedRows) throws IOException {
    try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      Map<String, String> metadata = root.getSchema().getCustomMetadata();
      lastMetrics = metadata == null ? null : metadata.get(METRICS_METADATA_KEY);
      if (!reader.loadNextBatch()) throw wrong("an empty result stream");
      int rows = root.getRowCount();
      if (rows != expectedRows) {
        throw wrong(rows + " values for a batch of " + expectedRows + " rows; a UDF must return one value per row");
      }
      if (root.getFieldVectors().size() != 1) throw wrong(root.getFieldVectors().size() + " result columns");
      FieldVector vector = root.getVector(0);
      ColumnVector view;
      try {
        view = ArrowTypeMapping.view(udfName, resultType, vector.getField().getType()).apply(vector);
      } catch (IllegalArgumentException e) {
        throw wrong("values of Arrow type " + vector.getField().getType() + ", but it declares returns: '" + returns + "'");
      }
      VectorizedColumnBatch batch = new VectorizedColumnBatch(new ColumnVector[] {view});
      batch.setNumRows(rows);
      ColumnarRowData row = new ColumnarRowData(batch);
      RowData.FieldGetter getter = RowData.createFieldGetter(resultType, 0);
      Object[] values = new Object[rows];
      for (int i = 0; i < rows; i++) {
        row.setRowId(i);
        values[i] = getter.getFieldOrNull(row);
      }
      return values;
    }
  }

  /** The metric updates (JSON) sent with the result decoded last, or null. */
  String lastMetrics() {
    return lastMetrics;
  }

  private UdfFailure wrong(String what) {
    return new UdfFailure("JavaScript UDF '" + udfName + "' returned " + what + ".");
  }
}
