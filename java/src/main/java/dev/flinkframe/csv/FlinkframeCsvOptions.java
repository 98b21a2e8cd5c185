package dev.flinkframe.csv;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The options of the {@code flinkframe-csv} format; in DDL each is prefixed with {@code flinkframe-csv.}. */
public final class FlinkframeCsvOptions {
  public static final ConfigOption<Boolean> HEADER = ConfigOptions.key("header")
      .booleanType().defaultValue(true)
      .withDescription("Skip the first line of every file.");

  public static final ConfigOption<String> FIELD_DELIMITER = ConfigOptions.key("field-delimiter")
      .stringType().defaultValue(",")
      .withDescription("One character; Java escapes such as \\t are accepted.");

  public static final ConfigOption<String> QUOTE_CHARACTER = ConfigOptions.key("quote-character")
      .stringType().defaultValue("\"")
      .withDescription("One character enclosing fields that contain delimiters; doubled inside a field.");

  public static final ConfigOption<String> NULL_LITERAL = ConfigOptions.key("null-literal")
      .stringType().defaultValue("")
      .withDescription("A field equal to this text is NULL, in columns of any type.");

  public static final ConfigOption<Boolean> SKIP_INVALID = ConfigOptions.key("skip-invalid")
      .booleanType().defaultValue(false)
      .withDescription("Skip rows that do not parse instead of failing the job.");

  private FlinkframeCsvOptions() {}
}
