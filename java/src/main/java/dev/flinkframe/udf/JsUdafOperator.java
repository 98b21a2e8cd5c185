package dev.flinkframe.udf;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Runs an aggregate JavaScript UDF once per group: on a keyed stream in BATCH execution, Flink sorts the input
 * by key, so each group's rows arrive together. Rows are buffered until the group ends; whole groups are
 * shipped to the worker together (until a batch holds batchSize rows: a larger group is shipped alone), each
 * row tagged with its group's index in the batch, and one row per group comes out: its key, then the result.
 * With no key columns the whole input is one group, also when it is empty (like SQL's aggregate without GROUP BY).
 */
public final class JsUdafOperator extends AbstractStreamOperator<RowData>
    implements OneInputStreamOperator<RowData, RowData>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  private final UdfStageSpec spec;
  private final RowType inputType;
  private final GroupKeySelector keys;
  private final RowType batchType;
  private final int[] batchFields;
  private final LogicalType resultType;

  private transient RowDataSerializer copier;
  private transient List<RowData> rows;
  private transient List<RowData> groupKeys;
  private transient RowData currentKey;
  private transient BufferAllocator allocator;
  private transient ArrowBatchCodec codec;
  private transient UdfWorker worker;
  private transient UdfMetricsBridge metrics;
  private transient boolean sawGroup;

  JsUdafOperator(UdfStageSpec spec, RowType inputType, GroupKeySelector keys, RowType batchType, int[] batchFields,
      LogicalType resultType) {
    this.spec = spec;
    this.inputType = inputType;
    this.keys = keys;
    this.batchType = batchType;
    this.batchFields = batchFields;
    this.resultType = resultType;
  }

  @Override
  public void open() throws Exception {
    super.open();
    copier = new RowDataSerializer(inputType);
    rows = new ArrayList<>();
    groupKeys = new ArrayList<>();
    allocator = new RootAllocator();
    codec = new ArrowBatchCodec(spec.name, batchType, batchFields, new LogicalType[] {resultType}, List.of(spec.returns), allocator);
    worker = UdfWorker.open(spec, getRuntimeContext().getDistributedCache()::getFile,
        WorkerContext.specWithContext(spec.json, getRuntimeContext().getTaskInfo(), getRuntimeContext().getJobInfo()));
    metrics = JsUdfOperator.openMetrics(getRuntimeContext(), getMetricGroup(), spec.name);
  }

  @Override
  public void processElement(StreamRecord<RowData> element) throws Exception {
    RowData row = element.getValue();
    RowData key = keys.getKey(row);
    if (!key.equals(currentKey)) {
      // a group ended: ship the groups buffered so far once they fill a batch
      if (rows.size() >= spec.batchSize) ship();
      currentKey = key;
      groupKeys.add(key);
      sawGroup = true;
    }
    // the row tagged with its group's index in the batch (the column after the input's)
    rows.add(new JoinedRowData(copier.copy(row), GenericRowData.of(groupKeys.size() - 1)));
  }

  /** Sends the buffered groups and emits one row per group: the key's columns, then the UDF's result. */
  private void ship() throws Exception {
    if (groupKeys.isEmpty()) return;
    Object[] results = codec.decode(worker.call(codec.encode(rows)), groupKeys.size());
    metrics.apply(codec.lastMetrics());
    for (int g = 0; g < results.length; g++) {
      output.collect(new StreamRecord<>(new JoinedRowData(groupKeys.get(g), GenericRowData.of(results[g]))));
    }
    rows.clear();
    groupKeys.clear();
  }

  @Override
  public void endInput() throws Exception {
    // no key columns and no rows: the whole (empty) table is one group
    if (!sawGroup && keys.keyType().getFieldCount() == 0) {
      groupKeys.add(new GenericRowData(0));
      sawGroup = true;
    }
    ship();
  }

  @Override
  public void finish() throws Exception {
    ship();
    JsUdfOperator.finishWorker(worker, metrics);
    super.finish();
  }

  @Override
  public void close() throws Exception {
    try {
      if (worker != null) worker.close();
      if (codec != null) codec.close();
      if (allocator != null) allocator.close();
    } finally {
      super.close();
    }
  }
}
