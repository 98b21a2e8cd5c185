package dev.flinkframe;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.TableResult;

/** A submitted job that Node waits for off its main thread (finish is called async through java-bridge). */
public final class RunningJob {
  private final TableResult result;

  RunningJob(TableResult result) {
    this.result = result;
  }

  public String id() {
    return result.getJobClient().map(JobClient::getJobID).map(Object::toString).orElse("");
  }

  /** Blocks until the job ends; throws its failure. */
  public void finish() throws Exception {
    result.await();
  }

  /**
   * The final metrics of the job's JavaScript UDFs as JSON {udfName: {metric: summary}}, read from the job's
   * accumulators (dev.flinkframe.udf.UdfMetricsAccumulator). Call it after finish().
   */
  public String udfMetrics() throws Exception {
    JobClient client = result.getJobClient().orElse(null);
    if (client == null) return "{}";
    java.util.Map<String, Object> accumulators = client.getJobExecutionResult().get().getAllAccumulatorResults();
    StringBuilder json = new StringBuilder("{");
    for (java.util.Map.Entry<String, Object> e : new java.util.TreeMap<>(accumulators).entrySet()) {
      if (!e.getKey().startsWith(dev.flinkframe.udf.UdfMetricsAccumulator.PREFIX)) continue;
      if (json.length() > 1) json.append(',');
      String udf = e.getKey().substring(dev.flinkframe.udf.UdfMetricsAccumulator.PREFIX.length());
      json.append(JSON.writeValueAsString(udf)).append(':').append(e.getValue());
    }
    return json.append('}').toString();
  }

  private static final org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper JSON =
      new org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper();

  public void cancel() {
    result.getJobClient().ifPresent(JobClient::cancel);
  }
}
