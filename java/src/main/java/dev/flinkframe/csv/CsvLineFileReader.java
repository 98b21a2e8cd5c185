package dev.flinkframe.csv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.table.data.RowData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads one file: skips the header and blank lines, parses the rest, and fails or skips on a bad row. */
final class CsvLineFileReader implements BulkFormat.Reader<RowData> {
  private static final Logger LOG = LoggerFactory.getLogger(CsvLineFileReader.class);

  private final String file;
  private final LineSplitter lines;
  private final CsvRowParser parser;
  private final CsvReadSettings settings;
  private final long batchBytes;
  private long emitted;        // rows handed out so far: this reader's checkpoint position
  private long skipped;
  private long firstSkippedLine;

  CsvLineFileReader(String file, LineSplitter lines, CsvRowParser parser, CsvReadSettings settings, long batchBytes,
      long rowsToDrop) throws IOException {
    this.file = file;
    this.lines = lines;
    this.parser = parser;
    this.settings = settings;
    this.batchBytes = batchBytes;
    while (emitted < rowsToDrop && nextRow() != null) {
      emitted++;
    }
  }

  // Batches are about batchBytes of input (Flink's source.file.stream.io-fetch-size, as for its stream formats).
  @Override
  public BulkFormat.RecordIterator<RowData> readBatch() throws IOException {
    List<RowData> rows = new ArrayList<>();
    long end = lines.position() + batchBytes;
    RowData row;
    while (lines.position() < end && (row = nextRow()) != null) {
      rows.add(row);
    }
    if (rows.isEmpty()) {
      return null;
    }
    ArrayResultIterator<RowData> batch = new ArrayResultIterator<>();
    batch.set(rows.toArray(new RowData[0]), rows.size(), CheckpointedPosition.NO_OFFSET, emitted);
    emitted += rows.size();
    return batch;
  }

  private RowData nextRow() throws IOException {
    while (lines.next()) {
      if ((settings.header() && lines.lineNumber() == 1) || lines.lineLength() == 0) {
        continue;
      }
      try {
        return parser.parse(lines.buffer(), lines.lineStart(), lines.lineLength());
      } catch (CsvRowParser.InvalidRow bad) {
        if (!settings.skipInvalid()) {
          throw new MalformedCsvRowException(file, lines.lineNumber(), bad.getMessage(), bad.getCause());
        }
        if (skipped++ == 0) {
          firstSkippedLine = lines.lineNumber();
        }
      }
    }
    return null;
  }

  // A BulkFormat reader is not handed the source's metric group, so skipped rows are reported in the log.
  @Override
  public void close() throws IOException {
    if (skipped > 0) {
      LOG.warn("Skipped {} malformed CSV row(s) in {} (the first at line {}).", skipped, file, firstSkippedLine);
    }
    lines.close();
  }
}
