package dev.flinkframe.arrow;

import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

/**
 * The 'flinkframe-result' connector: the sink of a query whose result Node collects. Each subtask writes an Arrow
 * IPC stream into {@code <path>/part-<subtask>}, a file the session reuses from query to query (src/runtime/
 * result-slots.ts), overwritten in place: on a VM that backs memory only when it is first touched, a new 400 MB
 * file cost up to ~1.3 s of page faults, writing the pages of an existing one ~50 ms (docs/benchmarks.md).
 *
 * <p>So a file can hold an older, longer result after this one. Its header says whose result it is and how long:
 * {@link ResultFileWriter#HEADER_BYTES} bytes, written last, when the subtask has written all its rows; until
 * then it is zero, so a file of a failed or unfinished subtask is never taken for a result.
 */
public final class ResultSinkFactory implements DynamicTableSinkFactory {
  static final ConfigOption<String> PATH = ConfigOptions.key("path").stringType().noDefaultValue()
      .withDescription("The folder the subtasks' files are written into.");
  static final ConfigOption<String> TOKEN = ConfigOptions.key("token").stringType().noDefaultValue()
      .withDescription("This query's mark in each file's header (at most 44 ASCII characters).");

  @Override
  public String factoryIdentifier() {
    return "flinkframe-result";
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(PATH, TOKEN);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(ArrowFormatFactory.BATCH_SIZE, FactoryUtil.SINK_PARALLELISM);
  }

  @Override
  public DynamicTableSink createDynamicTableSink(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    helper.validate();
    ReadableConfig options = helper.getOptions();
    RowType rowType = (RowType) context.getPhysicalRowDataType().getLogicalType();
    ResultFileSink sink = new ResultFileSink(
        new ArrowBulkWriter.Factory(rowType, options.get(ArrowFormatFactory.BATCH_SIZE)),
        options.get(PATH), ResultFileWriter.header(options.get(TOKEN), 0));
    return new ResultTableSink(sink, options.getOptional(FactoryUtil.SINK_PARALLELISM).orElse(null));
  }
}
