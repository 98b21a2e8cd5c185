package dev.flinkframe.stream;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

final class SocketSink implements Sink<RowData> {
  private static final long serialVersionUID = 1L;

  private final RowType rowType;
  private final String host;
  private final int port;
  private final int batchRows;
  private final long batchMillis;

  SocketSink(RowType rowType, String host, int port, int batchRows, long batchMillis) {
    this.rowType = rowType;
    this.host = host;
    this.port = port;
    this.batchRows = batchRows;
    this.batchMillis = batchMillis;
  }

  String address() {
    return host + ":" + port;
  }

  @Override
  public SinkWriter<RowData> createWriter(WriterInitContext context) throws IOException {
    return new SocketSinkWriter(rowType, host, port, batchRows, batchMillis, context.getProcessingTimeService());
  }
}
