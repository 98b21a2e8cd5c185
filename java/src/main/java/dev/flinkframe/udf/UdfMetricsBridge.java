package dev.flinkframe.udf;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a worker's metric updates (JSON, see src/runtime/udf-metrics.ts) into real Flink metrics of the
 * operator's metric group (Counter, Gauge, Meter, Histogram under the group named after the UDF) and, when the
 * operator has one, into the job accumulator the session reads after the job.
 */
final class UdfMetricsBridge {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HISTOGRAM_WINDOW = 10_000;

  private final MetricGroup group;
  private final UdfMetricsAccumulator accumulator;
  private final int subtask;
  private final long started = System.nanoTime();
  private final Map<String, Counter> counters = new HashMap<>();
  private final Map<String, Meter> meters = new HashMap<>();
  private final Map<String, Histogram> histograms = new HashMap<>();
  private final Map<String, Object> gauges = new HashMap<>();

  UdfMetricsBridge(MetricGroup group, UdfMetricsAccumulator accumulator, int subtask) {
    this.group = group;
    this.accumulator = accumulator;
    this.subtask = subtask;
  }

  @SuppressWarnings("unchecked")
  void apply(String updatesJson) throws Exception {
    if (updatesJson == null || updatesJson.isEmpty()) return;
    Map<String, Map<String, Object>> updates = JSON.readValue(updatesJson, Map.class);
    for (Map.Entry<String, Map<String, Object>> e : updates.entrySet()) {
      String name = e.getKey();
      Map<String, Object> u = e.getValue();
      String kind = String.valueOf(u.get("kind"));
      switch (kind) {
        case "counter" -> counters.computeIfAbsent(name, group::counter).inc(Math.round(number(u.get("delta"))));
        case "meter" -> {
          int span = (int) Math.max(1, number(u.get("timeSpanInSeconds")));
          meters.computeIfAbsent(name, n -> group.meter(n, new MeterView(span))).markEvent(Math.round(number(u.get("delta"))));
        }
        case "distribution" -> {
          Histogram h = histograms.computeIfAbsent(name, n -> group.histogram(n, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW)));
          for (Object v : (Iterable<Object>) u.get("values")) h.update(Math.round(number(v)));
        }
        case "gauge" -> {
          if (!gauges.containsKey(name)) group.gauge(name, (org.apache.flink.metrics.Gauge<Object>) () -> gauges.get(name));
          gauges.put(name, u.get("value"));
        }
        default -> throw new IllegalStateException("unknown metric kind " + kind);
      }
      if (accumulator != null) accumulator.add(new UdfMetricsAccumulator.Update(subtask, name, kind, u));
    }
  }

  /** Called when the worker has closed: meters' rates are over the time the operator ran. */
  void finished() {
    if (accumulator != null) accumulator.ranFor(subtask, (System.nanoTime() - started) / 1e9);
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }
}
