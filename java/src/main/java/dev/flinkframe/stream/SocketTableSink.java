package dev.flinkframe.stream;

import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.types.logical.RowType;

/** Accepts every change kind: each row carries its kind to Node. */
final class SocketTableSink implements DynamicTableSink {
  private final RowType rowType;
  private final String host;
  private final int port;
  private final int batchRows;
  private final long batchMillis;

  SocketTableSink(RowType rowType, String host, int port, int batchRows, long batchMillis) {
    this.rowType = rowType;
    this.host = host;
    this.port = port;
    this.batchRows = batchRows;
    this.batchMillis = batchMillis;
  }

  @Override
  public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
    return requestedMode;
  }

  @Override
  public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
    return SinkV2Provider.of(new SocketSink(rowType, host, port, batchRows, batchMillis));
  }

  @Override
  public DynamicTableSink copy() {
    return new SocketTableSink(rowType, host, port, batchRows, batchMillis);
  }

  @Override
  public String asSummaryString() {
    return "flinkframe-socket(" + host + ":" + port + ")";
  }
}
