package dev.flinkframe.arrow;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/** Reads whole Arrow IPC stream files as rows of {@code rowType}, matching columns by name. */
final class ArrowBulkFormat implements BulkFormat<RowData, FileSourceSplit> {

  private static final long serialVersionUID = 1L;

  private final RowType rowType;
  private final TypeInformation<RowData> producedType;

  ArrowBulkFormat(RowType rowType, TypeInformation<RowData> producedType) {
    ArrowTypeMapping.checkSupported(rowType);
    this.rowType = rowType;
    this.producedType = producedType;
  }

  @Override
  public Reader<RowData> createReader(Configuration config, FileSourceSplit split)
      throws IOException {
    return new ArrowBatchReader(rowType, split.path(), 0);
  }

  /** A stream has no seekable offsets: a restored split skips the rows it already emitted. */
  @Override
  public Reader<RowData> restoreReader(Configuration config, FileSourceSplit split)
      throws IOException {
    long skip = split.getReaderPosition()
        .map(CheckpointedPosition::getRecordsAfterOffset)
        .orElse(0L);
    return new ArrowBatchReader(rowType, split.path(), skip);
  }

  /** The stream format has no sync markers to start reading from the middle. */
  @Override
  public boolean isSplittable() {
    return false;
  }

  @Override
  public TypeInformation<RowData> getProducedType() {
    return producedType;
  }
}
