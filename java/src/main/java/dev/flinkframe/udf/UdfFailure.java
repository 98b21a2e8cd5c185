package dev.flinkframe.udf;

import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/** A JavaScript UDF threw (or returned a wrong result): the worker's report, as the job's failure. */
final class UdfFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  UdfFailure(String message) {
    super(message, null, false, false);
  }

  /** The report is JSON {message, stack?, where?}; the worker words where (the row's values or the batch). */
  @SuppressWarnings("unchecked")
  static UdfFailure fromReport(String udfName, String report) {
    try {
      Map<String, Object> r = JSON.readValue(report, Map.class);
      StringBuilder text = new StringBuilder("JavaScript UDF '").append(udfName).append("' failed");
      if (r.get("where") != null) text.append(' ').append(r.get("where"));
      text.append(": ").append(r.get("message"));
      if (r.get("stack") != null) text.append("\n").append(r.get("stack"));
      return new UdfFailure(text.toString());
    } catch (Exception e) {
      return new UdfFailure("JavaScript UDF '" + udfName + "' failed: " + report);
    }
  }
}
