package dev.flinkframe.udf;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The final values of one UDF's metrics over all its subtasks, as a job accumulator named
 * {@code flinkframe.udf.<name>}: Flink merges the subtasks' accumulators when the job ends, and the session
 * reads the merged value (JSON) from the job's result (session.lastJob().metrics).
 */
public final class UdfMetricsAccumulator implements Accumulator<UdfMetricsAccumulator.Update, String> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String PREFIX = "flinkframe.udf.";

  /** One metric update from one subtask. */
  public record Update(int subtask, String name, String kind, Map<String, Object> values) {}

  /** A metric's total: counters and meters sum, distributions keep count/sum/min/max, gauges each subtask's last value. */
  private static final class Total implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    String kind;
    double count;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    /** Meters: seconds each subtask ran, to turn the event count into a rate. */
    TreeMap<Integer, Double> seconds = new TreeMap<>();
    TreeMap<Integer, Object> gauges = new TreeMap<>();

    void merge(Total o) {
      count += o.count;
      sum += o.sum;
      min = Math.min(min, o.min);
      max = Math.max(max, o.max);
      o.seconds.forEach((k, v) -> seconds.merge(k, v, Math::max));
      gauges.putAll(o.gauges);
    }

    Map<String, Object> summary() {
      Map<String, Object> m = new HashMap<>();
      m.put("kind", kind);
      switch (kind) {
        case "counter" -> m.put("count", count);
        case "meter" -> {
          m.put("count", count);
          double total = seconds.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
          m.put("rate", total > 0 ? count / total : 0);
        }
        case "distribution" -> {
          m.put("count", count);
          m.put("sum", sum);
          m.put("min", count > 0 ? min : null);
          m.put("max", count > 0 ? max : null);
          m.put("mean", count > 0 ? sum / count : null);
        }
        default -> {
          m.put("value", gauges.isEmpty() ? null : gauges.firstEntry().getValue());
          m.put("subtasks", new java.util.ArrayList<>(gauges.values()));
        }
      }
      return m;
    }
  }

  private TreeMap<String, Total> totals = new TreeMap<>();

  @Override
  public void add(Update u) {
    Total t = totals.computeIfAbsent(u.name(), k -> new Total());
    t.kind = u.kind();
    Map<String, Object> v = u.values();
    switch (u.kind()) {
      case "counter", "meter" -> t.count += number(v.get("delta"));
      case "distribution" -> {
        t.count += number(v.get("count"));
        t.sum += number(v.get("sum"));
        t.min = Math.min(t.min, number(v.get("min")));
        t.max = Math.max(t.max, number(v.get("max")));
      }
      default -> t.gauges.put(u.subtask(), v.get("value"));
    }
  }

  /** A meter's subtask ran this many seconds (for its rate). */
  void ranFor(int subtask, double seconds) {
    for (Total t : totals.values()) if ("meter".equals(t.kind)) t.seconds.put(subtask, seconds);
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }

  @Override
  public String getLocalValue() {
    Map<String, Object> out = new TreeMap<>();
    totals.forEach((name, t) -> out.put(name, t.summary()));
    try {
      return JSON.writeValueAsString(out);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void resetLocal() {
    totals = new TreeMap<>();
  }

  @Override
  public void merge(Accumulator<Update, String> other) {
    ((UdfMetricsAccumulator) other).totals.forEach((name, t) -> {
      Total mine = totals.get(name);
      if (mine == null) {
        Total copy = new Total();
        copy.kind = t.kind;
        copy.merge(t);
        totals.put(name, copy);
      } else {
        mine.merge(t);
      }
    });
  }

  @Override
  public UdfMetricsAccumulator clone() {
    UdfMetricsAccumulator copy = new UdfMetricsAccumulator();
    copy.merge(this);
    return copy;
  }
}
