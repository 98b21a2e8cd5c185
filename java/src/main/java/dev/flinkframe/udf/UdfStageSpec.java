package dev.flinkframe.udf;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the TypeScript side says about one UDF stage (JSON). Java reads only what it needs to run the worker
 * and shape the rows; the whole JSON is forwarded to the worker, which reads the rest (source, params, mode).
 */
final class UdfStageSpec implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  final String json;
  final String name;
  final String returns;
  final List<String> args;
  final String result;
  /** The result columns a stage appends (one per chained function), and their Flink SQL types. */
  final List<String> results;
  final List<String> resultTypes;
  final Launch launch;
  final int batchSize;
  /** Send a partial batch once its first row has waited this long (0: only size, end of input, barriers, watermarks). */
  final long batchTimeoutMs;
  /** Keep one batch in flight while the next is buffered (false: wait for each batch's result). */
  final boolean pipeline;
  /** When the job is done, the worker waits for the next job's UDF (UdfWorkerPool) instead of stopping. */
  final boolean reuseWorker;

  @SuppressWarnings("unchecked")
  UdfStageSpec(String json) throws Exception {
    Map<String, Object> m = JSON.readValue(json, Map.class);
    this.json = json;
    this.name = (String) m.get("name");
    this.returns = (String) m.get("returns");
    this.args = m.get("args") == null ? List.of() : new ArrayList<>((List<String>) m.get("args"));
    this.result = (String) m.get("result");
    this.results = m.get("results") == null ? List.of(result) : new ArrayList<>((List<String>) m.get("results"));
    this.resultTypes = m.get("resultTypes") == null ? List.of(returns) : new ArrayList<>((List<String>) m.get("resultTypes"));
    this.launch = new Launch((Map<String, Object>) m.get("launch"));
    this.batchSize = ((Number) m.get("batchSize")).intValue();
    this.batchTimeoutMs = m.get("batchTimeoutMs") == null ? 0 : ((Number) m.get("batchTimeoutMs")).longValue();
    this.pipeline = !Boolean.FALSE.equals(m.get("pipeline"));
    this.reuseWorker = !Boolean.FALSE.equals(m.get("reuseWorker"));
  }

  /**
   * How to start the worker where the task runs: the Node executable, and the distributed-cache names of what the
   * job shipped (src/runtime/udf-shipping.ts): the bundled worker script, the UDF's bundled module, files by the
   * name the UDF reads them under, node_modules.
   */
  static final class Launch implements Serializable {
    private static final long serialVersionUID = 1L;

    final String node;
    final String worker;
    final String module;
    final Map<String, String> files;
    final String nodeModules;

    @SuppressWarnings("unchecked")
    Launch(Map<String, Object> m) {
      if (m == null) throw new IllegalArgumentException("UDF spec without launch settings (src/runtime/udf-shipping.ts adds them)");
      this.node = (String) m.get("node");
      this.worker = (String) m.get("worker");
      this.module = (String) m.get("module");
      this.files = m.get("files") == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, String>) m.get("files"));
      this.nodeModules = (String) m.get("nodeModules");
    }
  }
}
