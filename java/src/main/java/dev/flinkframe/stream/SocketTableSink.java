package dev.flinkframe.stream;

import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;

/** Accepts every change kind: each row carries its kind to Node. */
final class SocketTableSink implements DynamicTableSink {
  private final SocketSink sink;

  SocketTableSink(SocketSink sink) {
    this.sink = sink;
  }

  @Override
  public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
    return requestedMode;
  }

  @Override
  public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
    return SinkV2Provider.of(sink);
  }

  @Override
  public DynamicTableSink copy() {
    return new SocketTableSink(sink); // the sink is immutable
  }

  @Override
  public String asSummaryString() {
    return "flinkframe-socket(" + sink.address() + ")";
  }
}
