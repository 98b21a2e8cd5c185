package dev.flinkframe.bench;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * a + b as a plain Java ScalarFunction: bench/udf.ts's baseline for a UDF with no process boundary (it loads
 * this class with CREATE TEMPORARY FUNCTION ... USING JAR).
 */
public class AddBigints extends ScalarFunction {
  public Long eval(Long a, Long b) {
    return a == null || b == null ? null : a + b;
  }
}
