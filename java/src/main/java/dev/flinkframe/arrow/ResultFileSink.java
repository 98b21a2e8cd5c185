package dev.flinkframe.arrow;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.table.data.RowData;

/** One {@link ResultFileWriter} per subtask, each on its own file of the folder. */
final class ResultFileSink implements Sink<RowData> {
  private static final long serialVersionUID = 1L;

  private final ArrowBulkWriter.Factory arrow;
  private final String folder;
  private final byte[] finishedHeader;

  /** {@code finishedHeader}: the header with this query's token, its length left 0 for the writer to fill. */
  ResultFileSink(ArrowBulkWriter.Factory arrow, String folder, byte[] finishedHeader) {
    this.arrow = arrow;
    this.folder = folder;
    this.finishedHeader = finishedHeader;
  }

  String folder() {
    return folder;
  }

  @Override
  public SinkWriter<RowData> createWriter(WriterInitContext context) throws IOException {
    Path file = Path.of(folder, "part-" + context.getTaskInfo().getIndexOfThisSubtask());
    return new ResultFileWriter(arrow, file, finishedHeader.clone());
  }
}
