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

  public void cancel() {
    result.getJobClient().ifPresent(JobClient::cancel);
  }
}
