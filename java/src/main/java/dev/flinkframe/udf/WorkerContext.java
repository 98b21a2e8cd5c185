package dev.flinkframe.udf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/** The spec a worker gets, with where it runs added under "context" (the UDF's open(ctx) reads it). */
final class WorkerContext {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WorkerContext() {}

  @SuppressWarnings("unchecked")
  static String specWithContext(String specJson, TaskInfo task, JobInfo job) throws Exception {
    Map<String, Object> spec = JSON.readValue(specJson, LinkedHashMap.class);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("subtask", task == null ? 0 : task.getIndexOfThisSubtask());
    context.put("parallelism", task == null ? 1 : task.getNumberOfParallelSubtasks());
    context.put("attempt", task == null ? 0 : task.getAttemptNumber());
    context.put("taskName", task == null ? "" : task.getTaskName());
    context.put("jobId", job == null ? "" : job.getJobId().toString());
    context.put("jobName", job == null ? "" : job.getJobName());
    spec.put("context", context);
    return JSON.writeValueAsString(spec);
  }
}
