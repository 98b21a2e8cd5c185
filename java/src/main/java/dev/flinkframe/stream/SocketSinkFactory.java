package dev.flinkframe.stream;

import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

/**
 * The 'flinkframe-socket' connector: a sink that streams a query's changes to the Node client as Arrow IPC
 * record batches over TCP, for results that never end (stream()) or end early (a limit on an unbounded source).
 */
public final class SocketSinkFactory implements DynamicTableSinkFactory {
  static final ConfigOption<String> HOST = ConfigOptions.key("host").stringType().defaultValue("127.0.0.1");
  static final ConfigOption<Integer> PORT = ConfigOptions.key("port").intType().noDefaultValue();
  static final ConfigOption<Integer> BATCH_ROWS = ConfigOptions.key("batch-rows").intType().defaultValue(4096);
  static final ConfigOption<Long> BATCH_MILLIS = ConfigOptions.key("batch-ms").longType().defaultValue(200L);

  @Override
  public String factoryIdentifier() {
    return "flinkframe-socket";
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(PORT);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(HOST, BATCH_ROWS, BATCH_MILLIS);
  }

  @Override
  public DynamicTableSink createDynamicTableSink(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    helper.validate();
    ReadableConfig options = helper.getOptions();
    RowType rowType = (RowType) context.getPhysicalRowDataType().getLogicalType();
    return new SocketTableSink(new SocketSink(rowType, options.get(HOST), options.get(PORT), options.get(BATCH_ROWS), options.get(BATCH_MILLIS)));
  }
}
