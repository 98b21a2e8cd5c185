package dev.flinkframe.csv;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Reads each file whole, line by line. A BulkFormat rather than a StreamFormat because only a BulkFormat is told
 * which file it reads, and the error message must name it. Not splittable, so line numbers count from the file's
 * first byte.
 */
final class CsvLineBulkFormat implements BulkFormat<RowData, FileSourceSplit> {
  private final RowType physicalType;
  private final RowType producedType;
  private final CsvReadSettings settings;
  private final TypeInformation<RowData> typeInfo;

  CsvLineBulkFormat(RowType physicalType, RowType producedType, CsvReadSettings settings,
      TypeInformation<RowData> typeInfo) {
    this.physicalType = physicalType;
    this.producedType = producedType;
    this.settings = settings;
    this.typeInfo = typeInfo;
  }

  @Override
  public Reader<RowData> createReader(Configuration config, FileSourceSplit split) throws IOException {
    return open(config, split, 0);
  }

  // Positions carry no byte offset, only "rows already emitted": restoring re-reads the file from the start and
  // drops that many rows, which keeps line numbers exact (a byte offset would lose the count of lines before it).
  @Override
  public Reader<RowData> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
    long emitted = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
    return open(config, split, emitted);
  }

  private Reader<RowData> open(Configuration config, FileSourceSplit split, long rowsToDrop) throws IOException {
    Path path = split.path();
    InputStream in = path.getFileSystem().open(path);
    // Same by-extension decompression (.gz, .bz2, .xz, .deflate) as Flink's stream formats.
    var decompressor = StandardDeCompressors.getDecompressorForFileName(path.getPath());
    if (decompressor != null) {
      in = decompressor.create(in);
    }
    long batchBytes = config.get(StreamFormat.FETCH_IO_SIZE).getBytes();
    return new CsvLineFileReader(displayName(path), new LineSplitter(in),
        new CsvRowParser(physicalType, producedType, settings), settings, batchBytes, rowsToDrop);
  }

  // Users passed a local path, so show them that path rather than Flink's "file:/..." form.
  private static String displayName(Path path) {
    URI uri = path.toUri();
    return uri.getScheme() == null || "file".equals(uri.getScheme()) ? uri.getPath() : path.toString();
  }

  @Override
  public boolean isSplittable() {
    return false;
  }

  @Override
  public TypeInformation<RowData> getProducedType() {
    return typeInfo;
  }
}
