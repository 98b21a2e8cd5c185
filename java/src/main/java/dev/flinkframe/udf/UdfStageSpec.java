package dev.flinkframe.udf;

import java.io.Serializable;
import java.util.ArrayList;
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
  final List<String> command;
  final int batchSize;
  /** Keep one batch in flight while the next is buffered (false: wait for each batch's result). */
  final boolean pipeline;

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
    this.command = new ArrayList<>((List<String>) m.get("command"));
    this.batchSize = ((Number) m.get("batchSize")).intValue();
    this.pipeline = !Boolean.FALSE.equals(m.get("pipeline"));
  }
}
