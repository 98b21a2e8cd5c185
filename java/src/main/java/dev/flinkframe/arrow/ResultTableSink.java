package dev.flinkframe.arrow;

import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;

/** Insert-only, like a file: a query that produces updates is refused by the planner. */
final class ResultTableSink implements DynamicTableSink {
  private final ResultFileSink sink;
  private final Integer parallelism;

  ResultTableSink(ResultFileSink sink, Integer parallelism) {
    this.sink = sink;
    this.parallelism = parallelism;
  }

  @Override
  public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
    return ChangelogMode.insertOnly();
  }

  @Override
  public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
    return parallelism == null ? SinkV2Provider.of(sink) : SinkV2Provider.of(sink, parallelism);
  }

  @Override
  public DynamicTableSink copy() {
    return new ResultTableSink(sink, parallelism); // both immutable
  }

  @Override
  public String asSummaryString() {
    return "flinkframe-result(" + sink.folder() + ")";
  }
}
