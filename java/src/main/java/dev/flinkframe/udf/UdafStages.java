package dev.flinkframe.udf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.apache.flink.table.types.utils.TypeConversions;

/**
 * Builds an aggregate UDF stage: the input query becomes a DataStream keyed by the group columns, the
 * JsUdafOperator calls the UDF once per group, and the stream of (key columns, result) rows becomes a
 * temporary view that the rollup joins with its SQL aggregates. BATCH execution only: there Flink sorts keyed
 * input, so a group's rows arrive together. Call it on the thread that owns the TableEnvironment.
 */
public final class UdafStages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UdafStages() {}

  @SuppressWarnings("unchecked")
  public static void register(StreamTableEnvironment tables, String inputQuery, String view, String specJson)
      throws Exception {
    UdfStageSpec spec = new UdfStageSpec(specJson);
    List<String> keyNames = (List<String>) JSON.readValue(specJson, Map.class).getOrDefault("keys", List.of());
    Table input = tables.sqlQuery(inputQuery);
    DataType inputDataType = input.getResolvedSchema().toPhysicalRowDataType();
    RowType inputType = (RowType) inputDataType.getLogicalType();

    int[] keyFields = fieldsOf(inputType, keyNames);
    int[] argFields = fieldsOf(inputType, spec.args);
    // the batch a worker gets: the arguments, the group index of each row, the key columns (to name a failing group)
    List<RowType.RowField> batchColumns = new ArrayList<>();
    int[] batchFields = new int[argFields.length + 1 + keyFields.length];
    for (int i = 0; i < argFields.length; i++) {
      batchFields[i] = argFields[i];
      batchColumns.add(new RowType.RowField("arg" + i, inputType.getTypeAt(argFields[i])));
    }
    batchFields[argFields.length] = inputType.getFieldCount();
    batchColumns.add(new RowType.RowField("__ff_group", new IntType(false)));
    for (int i = 0; i < keyFields.length; i++) {
      batchFields[argFields.length + 1 + i] = keyFields[i];
      batchColumns.add(new RowType.RowField("key" + i, inputType.getTypeAt(keyFields[i])));
    }
    LogicalType resultType = LogicalTypeParser.parse(spec.returns, UdafStages.class.getClassLoader()).copy(true);

    GroupKeySelector keys = new GroupKeySelector(inputType, keyFields);
    List<RowType.RowField> outFields = new ArrayList<>(keys.keyType().getFields());
    outFields.add(new RowType.RowField(spec.result, resultType));
    RowType outputType = new RowType(outFields);

    DataStream<RowData> rows = tables.toDataStream(input, inputDataType.bridgedTo(RowData.class));
    SingleOutputStreamOperator<RowData> perGroup = rows.keyBy(keys).transform(
        "JavaScript aggregate UDF " + spec.name,
        InternalTypeInfo.of(outputType),
        new JsUdafOperator(spec, inputType, keys, new RowType(batchColumns), batchFields, resultType));
    // one group for the whole table: one subtask, so that an empty input still gives its one row
    if (keyFields.length == 0) perGroup.setParallelism(1).setMaxParallelism(1);
    Table output = tables.fromDataStream(perGroup,
        Schema.newBuilder().fromRowDataType(TypeConversions.fromLogicalToDataType(outputType)).build());
    tables.createTemporaryView(view, output);
  }

  private static int[] fieldsOf(RowType type, List<String> names) {
    int[] fields = new int[names.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = type.getFieldIndex(names.get(i));
      if (fields[i] < 0) throw new IllegalArgumentException("aggregate UDF stage: no input column " + names.get(i));
    }
    return fields;
  }
}
