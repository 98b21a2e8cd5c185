package dev.flinkframe.udf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.FloatType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.SmallIntType;
import org.apache.flink.table.types.logical.TinyIntType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.apache.flink.table.types.utils.TypeConversions;

/**
 * A flinkframe JavaScript UDF callable by name from Flink SQL (`SELECT add1(x) FROM t`). Flink calls it once
 * per row, so each call is one round trip of a one-row Arrow batch to this instance's Node worker: correct,
 * and slow next to a UDF stage, which batches rows (use op.name(...) in frames for throughput).
 */
public final class JsScalarFunction extends ScalarFunction {
  private static final long serialVersionUID = 1L;

  private final UdfStageSpec spec;

  private transient LogicalType resultType;
  private transient BufferAllocator allocator;
  private transient UdfWorker worker;
  private transient String argSignature;
  private transient ArrowBatchCodec codec;
  private transient UdfMetricsBridge metrics;

  public JsScalarFunction(String specJson) throws Exception {
    this.spec = new UdfStageSpec(specJson);
  }

  private LogicalType resultType() {
    return LogicalTypeParser.parse(spec.returns, JsScalarFunction.class.getClassLoader()).copy(true);
  }

  @Override
  public TypeInference getTypeInference(DataTypeFactory typeFactory) {
    return TypeInference.newBuilder()
        .inputTypeStrategy(InputTypeStrategies.WILDCARD)
        .outputTypeStrategy(TypeStrategies.explicit(TypeConversions.fromLogicalToDataType(resultType())))
        .build();
  }

  @Override
  public void open(FunctionContext context) throws Exception {
    resultType = resultType();
    allocator = new RootAllocator();
    TaskInfo task = taskInfo(context);
    worker = UdfWorker.open(spec, context::getCachedFile, WorkerContext.specWithContext(spec.json, task, null));
    // Flink metrics of the calling operator (a SQL function has no accumulators: session.lastJob() does not list it)
    metrics = new UdfMetricsBridge(context.getMetricGroup().addGroup(spec.name), null, task == null ? 0 : task.getIndexOfThisSubtask());
  }

  /** The subtask, or null where there is none (the planner calls functions to fold constants). */
  private static TaskInfo taskInfo(FunctionContext context) {
    try {
      return context.getTaskInfo();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The Flink type of one argument value as Flink hands it over (its default Java class). */
  private static LogicalType typeOf(Object value) {
    if (value == null || value instanceof String) return VarCharType.STRING_TYPE;
    if (value instanceof Long) return new BigIntType();
    if (value instanceof Integer) return new IntType();
    if (value instanceof Short) return new SmallIntType();
    if (value instanceof Byte) return new TinyIntType();
    if (value instanceof Double) return new DoubleType();
    if (value instanceof Float) return new FloatType();
    if (value instanceof Boolean) return new BooleanType();
    throw new UdfFailure("JavaScript UDF called from SQL: arguments of Java type " + value.getClass().getName()
        + " are not supported yet; pass numbers, strings or booleans (CAST the argument).");
  }

  public Object eval(Object... args) throws Exception {
    List<RowType.RowField> fields = new ArrayList<>();
    StringBuilder signature = new StringBuilder();
    Object[] internal = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      LogicalType type = typeOf(args[i]);
      fields.add(new RowType.RowField("arg" + i, type));
      signature.append(type).append(',');
      internal[i] = args[i] instanceof String ? StringData.fromString((String) args[i]) : args[i];
    }
    if (!signature.toString().equals(argSignature)) {
      int[] positions = new int[args.length];
      for (int i = 0; i < positions.length; i++) positions[i] = i;
      if (codec != null) codec.close();
      codec = new ArrowBatchCodec(spec.name, new RowType(fields), positions, new LogicalType[] {resultType}, List.of(spec.returns), allocator);
      argSignature = signature.toString();
    }
    Object result = codec.decode(worker.call(codec.encode(List.<RowData>of(GenericRowData.of(internal)))), 1)[0];
    metrics.apply(codec.lastMetrics());
    return result instanceof StringData ? result.toString() : result;
  }

  @Override
  public void close() throws Exception {
    try {
      // the UDF's close() and its last metric updates
      if (worker != null) JsUdfOperator.finishWorker(worker, metrics);
    } finally {
      if (worker != null) worker.close();
      if (codec != null) codec.close();
    }
    if (allocator != null) allocator.close();
  }
}
