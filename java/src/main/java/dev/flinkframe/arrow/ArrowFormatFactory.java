package dev.flinkframe.arrow;

import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.table.factories.BulkReaderFormatFactory;
import org.apache.flink.connector.file.table.factories.BulkWriterFormatFactory;
import org.apache.flink.connector.file.table.format.BulkDecodingFormat;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.format.ProjectableDecodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The {@value #IDENTIFIER} format of the filesystem connector: Arrow IPC stream files, the way
 * data moves between Node (apache-arrow) and Flink.
 */
public final class ArrowFormatFactory implements BulkReaderFormatFactory, BulkWriterFormatFactory {

  public static final String IDENTIFIER = "flinkframe-arrow";

  public static final ConfigOption<Integer> BATCH_SIZE = ConfigOptions.key("batch-size")
      .intType()
      .defaultValue(65536)
      .withDescription("Rows per Arrow record batch written.");

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
    return Set.of(BATCH_SIZE);
  }

  @Override
  public BulkDecodingFormat<RowData> createDecodingFormat(
      DynamicTableFactory.Context context, ReadableConfig formatOptions) {
    ArrowTypeMapping.checkSupported(fileColumns(context));
    return new Decoding();
  }

  @Override
  public EncodingFormat<BulkWriter.Factory<RowData>> createEncodingFormat(
      DynamicTableFactory.Context context, ReadableConfig formatOptions) {
    ArrowTypeMapping.checkSupported(fileColumns(context));
    int batchSize = formatOptions.get(BATCH_SIZE);
    if (batchSize <= 0) {
      throw new ValidationException(
          "'" + IDENTIFIER + "." + BATCH_SIZE.key() + "' must be positive, not " + batchSize);
    }
    return new EncodingFormat<>() {
      @Override
      public BulkWriter.Factory<RowData> createRuntimeEncoder(
          DynamicTableSink.Context sinkContext, DataType consumedDataType) {
        return new ArrowBulkWriter.Factory((RowType) consumedDataType.getLogicalType(), batchSize);
      }

      @Override
      public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
      }
    };
  }

  /** The physical columns without partition keys, which live in directory names, not files. */
  private static RowType fileColumns(DynamicTableFactory.Context context) {
    RowType physical = (RowType) context.getPhysicalRowDataType().getLogicalType();
    List<String> partitionKeys = context.getCatalogTable().getPartitionKeys();
    return new RowType(physical.getFields().stream()
        .filter(f -> !partitionKeys.contains(f.getName()))
        .toList());
  }

  /** Reads only the projected columns; the connector passes them in the order it wants. */
  private static final class Decoding implements BulkDecodingFormat<RowData>,
      ProjectableDecodingFormat<BulkFormat<RowData, FileSourceSplit>> {

    @Override
    public BulkFormat<RowData, FileSourceSplit> createRuntimeDecoder(
        DynamicTableSource.Context context, DataType physicalDataType, int[][] projections) {
      DataType produced = Projection.of(projections).project(physicalDataType);
      return new ArrowBulkFormat(
          (RowType) produced.getLogicalType(), context.createTypeInformation(produced));
    }

    @Override
    public ChangelogMode getChangelogMode() {
      return ChangelogMode.insertOnly();
    }
  }
}
