package dev.flinkframe.arrow;

import dev.flinkframe.arrow.ArrowColumnViews.BytesView;
import dev.flinkframe.arrow.ArrowColumnViews.DictionaryView;
import dev.flinkframe.arrow.ArrowColumnViews.NullView;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.table.ColumnarRowIterator;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.columnar.ColumnarRowData;
import org.apache.flink.table.data.columnar.vector.ColumnVector;
import org.apache.flink.table.data.columnar.vector.VectorizedColumnBatch;
import org.apache.flink.table.types.logical.RowType;

/**
 * Reads one split's Arrow IPC stream (a file, or an in-memory source's stream served by Node:
 * {@link SplitBytes}), one record batch per Flink batch.
 *
 * <p>The file source fetches the next batch before the task has released the previous one, and
 * closes this reader while batches may still be in flight. So each batch takes its vectors out of
 * the reused {@link VectorSchemaRoot} and frees them when released, and the allocator is closed
 * only once the reader is closed and every batch is released.
 */
final class ArrowBatchReader implements BulkFormat.Reader<RowData> {

  private final BufferAllocator allocator = new RootAllocator();
  private final ReadableByteChannel bytes;
  private final ArrowStreamReader reader;
  private final FileColumn[] columns;
  private long rowsBefore;
  private long rowsToSkip;
  private int batchesInFlight;
  private boolean closed;

  ArrowBatchReader(RowType rowType, Path path, long rowsToSkip) throws IOException {
    this.rowsToSkip = rowsToSkip;
    this.bytes = SplitBytes.open(path, rowType.getFieldNames());
    this.reader = new ArrowStreamReader(bytes, allocator);
    try {
      Schema schema = reader.getVectorSchemaRoot().getSchema();
      this.columns = new FileColumn[rowType.getFieldCount()];
      for (int c = 0; c < columns.length; c++) {
        columns[c] = bind(schema, rowType.getFields().get(c));
      }
    } catch (RuntimeException | IOException e) {
      close();
      throw new IOException(
          "Cannot read " + path + " as " + ArrowFormatFactory.IDENTIFIER + ": " + e.getMessage(), e);
    }
  }

  /** Matches a Flink column to the file's column of the same name. */
  private FileColumn bind(Schema schema, RowType.RowField flink) {
    List<Field> fields = schema.getFields();
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      if (!field.getName().equals(flink.getName())) {
        continue;
      }
      DictionaryEncoding encoding = field.getDictionary();
      ArrowType fileType = encoding == null
          ? field.getType()
          : reader.lookup(encoding.getId()).getVector().getField().getType();
      if (fileType instanceof ArrowType.Null) {
        return new FileColumn(i, v -> NullView.INSTANCE, null);
      }
      if (encoding != null && !isVariableWidth(fileType)) {
        throw new IllegalArgumentException(String.format(
            "Column '%s' is a dictionary of %s; only dictionaries of strings or binaries are read.",
            flink.getName(), fileType));
      }
      return new FileColumn(
          i, ArrowTypeMapping.view(flink.getName(), flink.getType(), fileType), encoding);
    }
    throw new IllegalArgumentException(String.format(
        "Column '%s' is not in the file; it has columns %s.",
        flink.getName(), fields.stream().map(Field::getName).toList()));
  }

  private static boolean isVariableWidth(ArrowType t) {
    return t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8
        || t instanceof ArrowType.Binary || t instanceof ArrowType.LargeBinary;
  }

  @Override
  public BulkFormat.RecordIterator<RowData> readBatch() throws IOException {
    while (reader.loadNextBatch()) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      int rows = root.getRowCount();
      if (rowsToSkip >= rows) {
        rowsToSkip -= rows;
        rowsBefore += rows;
        continue;
      }
      List<FieldVector> owned = new ArrayList<>(columns.length);
      ColumnVector[] vectors = new ColumnVector[columns.length];
      for (int c = 0; c < columns.length; c++) {
        FieldVector taken = columns[c].take(root);
        owned.add(taken);
        vectors[c] = columns[c].view(taken);
      }
      VectorizedColumnBatch batch = new VectorizedColumnBatch(vectors);
      batch.setNumRows(rows);
      synchronized (this) {
        batchesInFlight++;
      }
      ColumnarRowIterator it =
          new ColumnarRowIterator(new ColumnarRowData(batch), () -> release(owned));
      it.set(rows, rowsBefore);
      rowsBefore += rows;
      for (; rowsToSkip > 0; rowsToSkip--) {
        it.next();
      }
      return it;
    }
    return null;
  }

  private void release(List<FieldVector> vectors) {
    vectors.forEach(FieldVector::close);
    synchronized (this) {
      batchesInFlight--;
      closeAllocatorWhenDone();
    }
  }

  @Override
  public void close() throws IOException {
    try (bytes) {
      reader.close();
    } finally {
      synchronized (this) {
        closed = true;
        closeAllocatorWhenDone();
      }
    }
  }

  private void closeAllocatorWhenDone() {
    if (closed && batchesInFlight == 0) {
      allocator.close();
    }
  }

  /** One projected column: where it is in the file and how Flink sees it. */
  private final class FileColumn {
    private final int index;
    private final Function<FieldVector, ColumnVector> view;
    private final DictionaryEncoding encoding;
    private ArrowBuf cachedOffsets;
    private ArrowBuf cachedData;
    private int cachedCount = -1;
    private BytesView cachedDictionary;

    FileColumn(int index, Function<FieldVector, ColumnVector> view, DictionaryEncoding encoding) {
      this.index = index;
      this.view = view;
      this.encoding = encoding;
    }

    /** Moves this batch's vector out of the root, without copying. */
    FieldVector take(VectorSchemaRoot root) {
      FieldVector v = root.getVector(index);
      var transfer = v.getTransferPair(allocator);
      transfer.transfer();
      return (FieldVector) transfer.getTo();
    }

    ColumnVector view(FieldVector v) {
      if (encoding == null) {
        return view.apply(v);
      }
      BytesView dictionary = dictionary();
      // Arrow Java leaves a dictionary empty when the stream never sent it.
      if (dictionary.size() == 0 && v.getNullCount() < v.getValueCount()) {
        throw new IllegalStateException(String.format(
            "Column '%s' is dictionary-encoded but the stream has no dictionary for it",
            v.getName()));
      }
      return new DictionaryView(v, dictionary);
    }

    /**
     * The reader replaces or extends a dictionary in place when the stream sends a new one, always
     * with new buffers or a new count: copy it to the heap only then.
     */
    private BytesView dictionary() {
      ValueVector d = reader.lookup(encoding.getId()).getVector();
      if (d.getOffsetBuffer() != cachedOffsets || d.getDataBuffer() != cachedData
          || d.getValueCount() != cachedCount) {
        cachedDictionary = BytesView.copyOf(d);
        cachedOffsets = d.getOffsetBuffer();
        cachedData = d.getDataBuffer();
        cachedCount = d.getValueCount();
      }
      return cachedDictionary;
    }
  }
}
