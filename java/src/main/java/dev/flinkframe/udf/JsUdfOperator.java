package dev.flinkframe.udf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Runs a JavaScript UDF over a stream of rows, the way PyFlink runs pandas UDFs: rows are buffered into
 * Arrow batches, each batch goes to this subtask's Node worker, and every input row is emitted with its
 * result appended, in order and with its change kind. A full batch is sent and the next ones are buffered while
 * the worker computes: up to UdfWorker.MAX_IN_FLIGHT batches wait for their results, so the task goes on
 * reading its input while the worker starts (Node's start-up is the first batch's wait) and while it computes.
 * Everything is flushed at end of input, before a checkpoint barrier and before a watermark passes (so
 * watermarks never overtake buffered rows), and when the oldest buffered row has waited batchTimeoutMs (a
 * partial batch leaves while a slow stream fills it).
 */
public final class JsUdfOperator extends AbstractStreamOperator<RowData>
    implements OneInputStreamOperator<RowData, RowData>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  private final UdfStageSpec spec;
  private final RowType inputType;
  private final RowType argType;
  private final int[] argFields;
  private final LogicalType[] resultTypes;

  private transient RowDataSerializer copier;
  private transient List<RowData> buffer;
  /** Batches sent, oldest first, whose results are not emitted yet. */
  private transient ArrayDeque<List<RowData>> inFlight;
  /** Emitted batches' lists, emptied, to buffer the next ones in. */
  private transient ArrayDeque<List<RowData>> spare;
  private transient BufferAllocator allocator;
  private transient ArrowBatchCodec codec;
  private transient UdfWorker worker;
  /** A processing-time timer is pending that will flush whatever is buffered or in flight (the time bound). */
  private transient boolean timerSet;
  private transient UdfMetricsBridge metrics;
  /** The output row and record, refilled for each row emitted. */
  private transient JoinedRowData joined;
  private transient StreamRecord<RowData> record;

  JsUdfOperator(UdfStageSpec spec, RowType inputType, RowType argType, int[] argFields, LogicalType[] resultTypes) {
    this.spec = spec;
    this.inputType = inputType;
    this.argType = argType;
    this.argFields = argFields;
    this.resultTypes = resultTypes;
  }

  @Override
  public void open() throws Exception {
    super.open();
    copier = new RowDataSerializer(inputType);
    buffer = new ArrayList<>(spec.batchSize);
    inFlight = new ArrayDeque<>();
    spare = new ArrayDeque<>();
    joined = new JoinedRowData();
    record = new StreamRecord<>(joined);
    allocator = new RootAllocator();
    codec = new ArrowBatchCodec(spec.name, argType, argFields, resultTypes, spec.resultTypes, allocator);
    worker = UdfWorker.open(spec, getRuntimeContext().getDistributedCache()::getFile,
        WorkerContext.specWithContext(spec.json, getRuntimeContext().getTaskInfo(), getRuntimeContext().getJobInfo()));
    metrics = openMetrics(getRuntimeContext(), getMetricGroup(), spec.name);
  }

  /** The UDF's metrics: Flink metrics in a group named after it, and the job accumulator the session reads. */
  static UdfMetricsBridge openMetrics(
      org.apache.flink.api.common.functions.RuntimeContext context,
      org.apache.flink.metrics.MetricGroup group,
      String udfName) {
    String name = UdfMetricsAccumulator.PREFIX + udfName;
    // two stages of one UDF in the same task share the accumulator
    UdfMetricsAccumulator accumulator = (UdfMetricsAccumulator) context.<UdfMetricsAccumulator.Update, String>getAccumulator(name);
    if (accumulator == null) {
      accumulator = new UdfMetricsAccumulator();
      context.addAccumulator(name, accumulator);
    }
    return new UdfMetricsBridge(group.addGroup(udfName), accumulator, context.getTaskInfo().getIndexOfThisSubtask());
  }

  @Override
  public void processElement(StreamRecord<RowData> element) throws Exception {
    // the input row object may be reused by the upstream operator once this call returns
    buffer.add(copier.copy(element.getValue()));
    if (buffer.size() >= spec.batchSize) send();
    startTimer();
  }

  /**
   * The time bound: no row waits longer than batchTimeoutMs for its batch to leave (or, pipelined, for its
   * result to be emitted) when rows arrive slowly, as in a streaming job. Timers run on the task's thread.
   */
  private void startTimer() {
    if (timerSet || spec.batchTimeoutMs <= 0 || (buffer.isEmpty() && inFlight.isEmpty())) return;
    timerSet = true;
    long now = getProcessingTimeService().getCurrentProcessingTime();
    getProcessingTimeService().registerTimer(now + spec.batchTimeoutMs, time -> {
      timerSet = false;
      flush();
    });
  }

  /**
   * Sends the buffered rows to the worker and goes on buffering while it computes. With as many batches in flight
   * as the worker takes, the oldest one's results are emitted first (in order), so requests never outrun the
   * exchange's slots and the pipes only ever hold frame headers: neither side can block the other.
   */
  private void send() throws Exception {
    if (buffer.isEmpty()) return;
    int limit = spec.pipeline ? UdfWorker.MAX_IN_FLIGHT : 1;
    while (inFlight.size() >= limit) receive();
    worker.send(codec.encode(buffer));
    inFlight.add(buffer);
    List<RowData> next = spare.poll();
    buffer = next != null ? next : new ArrayList<>(spec.batchSize);
    if (!spec.pipeline) receive();
  }

  /**
   * Emits the oldest batch in flight, joined with its results. The joined row, its result part (a view over the
   * result's Arrow vectors) and the record are reused from row to row, as Flink's own operators reuse theirs: a
   * chained operator that keeps a row copies it (Flink copies between operators unless object reuse is on, and
   * with it on an operator must not keep its input).
   */
  private void receive() throws Exception {
    List<RowData> batch = inFlight.poll();
    if (batch == null) return;
    codec.readRows(worker.receive(), batch.size(), results -> {
      for (int i = 0; i < batch.size(); i++) {
        RowData in = batch.get(i);
        results.setRowId(i);
        joined.replace(in, results).setRowKind(in.getRowKind());
        output.collect(record.replace(joined));
      }
    });
    metrics.apply(codec.lastMetrics());
    batch.clear();
    spare.add(batch);
  }

  /** Every buffered row processed and emitted. */
  private void flush() throws Exception {
    send();
    while (!inFlight.isEmpty()) receive();
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush();
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void endInput() throws Exception {
    flush();
  }

  /** At the end of the input: the worker runs the UDF's close() and sends its last metric updates. */
  @Override
  public void finish() throws Exception {
    flush();
    finishWorker(worker, metrics);
    super.finish();
  }

  /** Runs close() in the worker (an empty request) and applies the final metric updates of its reply. */
  static void finishWorker(UdfWorker worker, UdfMetricsBridge metrics) throws Exception {
    metrics.apply(worker.finish());
    metrics.finished();
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
