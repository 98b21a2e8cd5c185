package dev.flinkframe.csv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.formats.common.Converter;
import org.apache.flink.formats.csv.CsvRowSchemaConverter;
import org.apache.flink.formats.csv.CsvToRowDataConverters;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectReader;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.dataformat.csv.CsvMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.jackson.JacksonMapperFactory;

/**
 * Turns one line into RowData with the pieces Flink's own csv format uses: a Jackson CSV schema derived from the
 * row type (so quoting, doubled quotes and the null literal behave as in Flink) and Flink's
 * {@link CsvToRowDataConverters} for the values. What it adds is a short, per-column reason when a line is bad.
 *
 * <p>A line is parsed on its own, so a quoted field may not contain a line break: such a row reports an unclosed
 * quote.
 */
final class CsvRowParser {
  /** A line that does not fit the row type; the message is the short reason shown to the user. */
  static final class InvalidRow extends Exception {
    InvalidRow(String reason, Throwable cause) {
      super(reason, cause, false, false);
    }
  }

  private static final int MAX_SHOWN_CHARS = 40;

  private final RowType physicalType;
  private final RowType producedType;
  private final ObjectReader rowReader;
  private final Converter<JsonNode, Object, Void> converter;
  /** Produced non-text columns in which an empty field means NULL; only needed when the null literal isn't "". */
  private final String[] emptyIsNull;
  private final CsvSchema fieldsOnly;
  private final CsvMapper mapper;

  @SuppressWarnings({"unchecked", "rawtypes"})
  CsvRowParser(RowType physicalType, RowType producedType, CsvReadSettings settings) {
    this.physicalType = physicalType;
    this.producedType = producedType;
    this.mapper = JacksonMapperFactory.createCsvMapper();
    CsvSchema schema = CsvRowSchemaConverter.convert(physicalType).rebuild()
        .setColumnSeparator(settings.fieldDelimiter())
        .setQuoteChar(settings.quoteCharacter())
        .setNullValue(settings.nullLiteral())
        .build();
    this.rowReader = mapper.readerFor(JsonNode.class).with(schema);
    this.fieldsOnly = CsvSchema.emptySchema().withColumnSeparator(settings.fieldDelimiter())
        .withQuoteChar(settings.quoteCharacter());
    // Top-level converters look fields up by name, so converting only the produced (projected) columns works.
    this.converter = (Converter) new CsvToRowDataConverters(false).createRowConverter(producedType, true);
    List<String> empties = new ArrayList<>();
    if (!settings.nullLiteral().isEmpty()) {
      for (RowType.RowField f : producedType.getFields()) {
        if (!f.getType().is(LogicalTypeFamily.CHARACTER_STRING)) {
          empties.add(f.getName());
        }
      }
    }
    this.emptyIsNull = empties.toArray(new String[0]);
  }

  RowData parse(byte[] buf, int start, int length) throws InvalidRow {
    JsonNode row;
    try {
      row = rowReader.readValue(buf, start, length);
    } catch (IOException e) {
      throw new InvalidRow(unreadable(buf, start, length, e), e);
    }
    int found = row == null ? 0 : row.size();
    if (found != physicalType.getFieldCount()) {
      // Flink's converter lets short rows through when the missing columns are not read; be strict either way.
      throw new InvalidRow(fieldCount(found), null);
    }
    for (String name : emptyIsNull) {
      JsonNode value = row.get(name);
      if (value.isTextual() && value.textValue().isEmpty()) {
        ((ObjectNode) row).putNull(name);
      }
    }
    try {
      return (RowData) converter.convert(row, null);
    } catch (RuntimeException e) {
      throw new InvalidRow(badValue(row, e), e);
    }
  }

  private String fieldCount(int found) {
    int expected = physicalType.getFieldCount();
    return "expected " + expected + " field" + (expected == 1 ? "" : "s") + " but found " + found;
  }

  // Jackson rejected the line (too many fields, an unclosed quote). Count the fields to say which.
  private String unreadable(byte[] buf, int start, int length, IOException e) {
    try {
      // Without column names Jackson reads a row as an array of its fields.
      String[] fields = mapper.readerFor(String[].class).with(fieldsOnly).readValue(buf, start, length);
      if (fields.length != physicalType.getFieldCount()) {
        return fieldCount(fields.length);
      }
    } catch (IOException again) {
      e = again;
    }
    String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (message != null && message.startsWith("Missing closing quote")) {
      return "unclosed quote (a quoted field cannot span lines)";
    }
    return message;
  }

  // Flink's row converter names the field only inside its message; find the column by converting each alone.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private String badValue(JsonNode row, RuntimeException e) {
    CsvToRowDataConverters converters = new CsvToRowDataConverters(false);
    for (RowType.RowField f : producedType.getFields()) {
      RowType single = new RowType(List.of(f));
      Converter<JsonNode, Object, Void> one = (Converter) converters.createRowConverter(single, true);
      ObjectNode alone = mapper.createObjectNode();
      alone.set(f.getName(), row.get(f.getName()));
      try {
        one.convert(alone, null);
      } catch (RuntimeException ignored) {
        return "column \"" + f.getName() + "\" (" + typeName(f.getType()) + ") cannot read \""
            + shorten(row.get(f.getName()).asText()) + "\"";
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  private static String typeName(LogicalType type) {
    return type.copy(true).asSummaryString();
  }

  private static String shorten(String text) {
    return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "...";
  }
}
