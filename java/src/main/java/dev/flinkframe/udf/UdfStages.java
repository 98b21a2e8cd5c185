package dev.flinkframe.udf;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

/**
 * Builds a UDF stage: the input query becomes a DataStream of rows, the JsUdfOperator appends the UDF's
 * result column, and the stream becomes a temporary view the rest of the plan reads by name. Call it on the
 * thread that owns the TableEnvironment (planning uses Calcite's thread-locals).
 */
public final class UdfStages {
  private UdfStages() {}

  public static void register(StreamTableEnvironment tables, String inputQuery, String view, String specJson)
      throws Exception {
    UdfStageSpec spec = new UdfStageSpec(specJson);
    Table input = tables.sqlQuery(inputQuery);
    DataType inputDataType = input.getResolvedSchema().toPhysicalRowDataType();
    RowType inputType = (RowType) inputDataType.getLogicalType();

    int[] argFields = new int[spec.args.size()];
    List<RowType.RowField> argFieldTypes = new ArrayList<>();
    for (int i = 0; i < argFields.length; i++) {
      argFields[i] = inputType.getFieldIndex(spec.args.get(i));
      if (argFields[i] < 0) throw new IllegalArgumentException("UDF stage: no input column " + spec.args.get(i));
      argFieldTypes.add(new RowType.RowField(spec.args.get(i), inputType.getTypeAt(argFields[i])));
    }
    LogicalType[] resultTypes = new LogicalType[spec.results.size()];
    List<RowType.RowField> outFields = new ArrayList<>(inputType.getFields());
    for (int i = 0; i < resultTypes.length; i++) {
      resultTypes[i] = LogicalTypeParser.parse(spec.resultTypes.get(i), UdfStages.class.getClassLoader()).copy(true);
      outFields.add(new RowType.RowField(spec.results.get(i), resultTypes[i]));
    }
    RowType outputType = new RowType(outFields);

    DataStream<RowData> rows = tables.toDataStream(input, inputDataType.bridgedTo(RowData.class));
    DataStream<RowData> withResult = rows.transform(
        "JavaScript UDF " + spec.name,
        InternalTypeInfo.of(outputType),
        new JsUdfOperator(spec, inputType, new RowType(argFieldTypes), argFields, resultTypes));
    Table output = tables.fromDataStream(withResult, Schema.newBuilder().fromRowDataType(
        org.apache.flink.table.types.utils.TypeConversions.fromLogicalToDataType(outputType)).build());
    tables.createTemporaryView(view, output);
  }
}
