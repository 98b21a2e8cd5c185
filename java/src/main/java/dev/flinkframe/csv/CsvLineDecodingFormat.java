package dev.flinkframe.csv;

import java.util.List;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.table.format.BulkDecodingFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.csv.util.CsvFormatStatisticsReportUtil;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.Projection;
import org.apache.flink.table.connector.format.FileBasedStatisticsReportableInputFormat;
import org.apache.flink.table.connector.format.ProjectableDecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.plan.stats.TableStats;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The planner-side half of the format: turns the table's physical row type and the pushed-down projection into a
 * {@link CsvLineBulkFormat}. Projectable so that unread columns are never converted.
 */
final class CsvLineDecodingFormat implements BulkDecodingFormat<RowData>,
    ProjectableDecodingFormat<BulkFormat<RowData, FileSourceSplit>>, FileBasedStatisticsReportableInputFormat {
  private final CsvReadSettings settings;

  CsvLineDecodingFormat(CsvReadSettings settings) {
    this.settings = settings;
  }

  @Override
  public BulkFormat<RowData, FileSourceSplit> createRuntimeDecoder(DynamicTableSource.Context context,
      DataType physicalDataType, int[][] projections) {
    DataType projected = Projection.of(projections).project(physicalDataType);
    return new CsvLineBulkFormat((RowType) physicalDataType.getLogicalType(), (RowType) projected.getLogicalType(),
        settings, context.createTypeInformation(projected));
  }

  @Override
  public ChangelogMode getChangelogMode() {
    return ChangelogMode.insertOnly();
  }

  // Row-count estimate for the planner (join strategy), sampled the same way Flink's csv format does.
  @Override
  public TableStats reportStatistics(List<Path> files, DataType producedDataType) {
    return CsvFormatStatisticsReportUtil.getTableStatistics(files);
  }
}
