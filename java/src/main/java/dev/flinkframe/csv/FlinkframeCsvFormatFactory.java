package dev.flinkframe.csv;

import java.util.Set;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.file.table.factories.BulkReaderFormatFactory;
import org.apache.flink.connector.file.table.format.BulkDecodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DynamicTableFactory;

/**
 * Registers {@code 'format'='flinkframe-csv'} for the filesystem connector (read side only; writing uses Flink's
 * {@code csv}). It exists because Flink's csv format can neither skip a header line nor say which file and line a
 * bad row came from.
 */
public final class FlinkframeCsvFormatFactory implements BulkReaderFormatFactory {
  public static final String IDENTIFIER = "flinkframe-csv";

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(FlinkframeCsvOptions.HEADER, FlinkframeCsvOptions.FIELD_DELIMITER,
        FlinkframeCsvOptions.QUOTE_CHARACTER, FlinkframeCsvOptions.NULL_LITERAL, FlinkframeCsvOptions.SKIP_INVALID);
  }

  @Override
  public BulkDecodingFormat<RowData> createDecodingFormat(DynamicTableFactory.Context context,
      ReadableConfig formatOptions) {
    // Validate while planning, so a bad option fails the CREATE/SELECT rather than a task.
    return new CsvLineDecodingFormat(CsvReadSettings.from(formatOptions));
  }
}
