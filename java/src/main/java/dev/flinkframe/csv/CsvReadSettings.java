package dev.flinkframe.csv;

import java.io.Serializable;

import org.apache.commons.text.StringEscapeUtils;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

/** The validated format options, in the form the task-side reader needs (shipped with the job). */
record CsvReadSettings(boolean header, char fieldDelimiter, char quoteCharacter, String nullLiteral,
    boolean skipInvalid) implements Serializable {

  static CsvReadSettings from(ReadableConfig options) {
    return new CsvReadSettings(
        options.get(FlinkframeCsvOptions.HEADER),
        // Unescaped like Flink's own csv format, so 'field-delimiter'='\t' means a tab.
        singleChar(options, FlinkframeCsvOptions.FIELD_DELIMITER,
            StringEscapeUtils.unescapeJava(options.get(FlinkframeCsvOptions.FIELD_DELIMITER))),
        singleChar(options, FlinkframeCsvOptions.QUOTE_CHARACTER, options.get(FlinkframeCsvOptions.QUOTE_CHARACTER)),
        options.get(FlinkframeCsvOptions.NULL_LITERAL),
        options.get(FlinkframeCsvOptions.SKIP_INVALID));
  }

  private static char singleChar(ReadableConfig options, ConfigOption<String> option, String value) {
    if (value.length() != 1) {
      throw new ValidationException(String.format("Option '%s.%s' must be a single character, but was: '%s'",
          FlinkframeCsvFormatFactory.IDENTIFIER, option.key(), options.get(option)));
    }
    return value.charAt(0);
  }
}
