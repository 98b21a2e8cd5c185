package dev.flinkframe.arrow;

import static org.apache.flink.table.types.logical.LogicalTypeRoot.ARRAY;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.BIGINT;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.BINARY;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.BOOLEAN;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.CHAR;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.DATE;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.DECIMAL;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.DOUBLE;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.FLOAT;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.INTEGER;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.MAP;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.ROW;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.SMALLINT;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.TINYINT;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.VARBINARY;
import static org.apache.flink.table.types.logical.LogicalTypeRoot.VARCHAR;

import dev.flinkframe.arrow.ArrowColumnViews.BooleanView;
import dev.flinkframe.arrow.ArrowColumnViews.ByteView;
import dev.flinkframe.arrow.ArrowColumnViews.BytesView;
import dev.flinkframe.arrow.ArrowColumnViews.DateMilliView;
import dev.flinkframe.arrow.ArrowColumnViews.DecimalView;
import dev.flinkframe.arrow.ArrowColumnViews.DoubleView;
import dev.flinkframe.arrow.ArrowColumnViews.FloatView;
import dev.flinkframe.arrow.ArrowColumnViews.IntView;
import dev.flinkframe.arrow.ArrowColumnViews.LongView;
import dev.flinkframe.arrow.ArrowColumnViews.ShortView;
import dev.flinkframe.arrow.ArrowColumnViews.TimeView;
import dev.flinkframe.arrow.ArrowColumnViews.TimestampView;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.binary.BinaryStringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.columnar.vector.ColumnVector;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;

/**
 * The one table that says how each Flink type travels as Arrow: which Arrow type it is written as,
 * which Arrow types a file may hold for it, how a row value goes into a vector and how a vector is
 * seen as a Flink column.
 */
public final class ArrowTypeMapping {

  /** Writes the non-null field {@code field} of {@code row} at {@code index} of one vector. */
  public interface ColumnWriter {
    void write(RowData row, int field, int index);
  }

  private record Mapping(
      Function<LogicalType, ArrowType> arrowType,
      Predicate<ArrowType> readable,
      BiFunction<LogicalType, FieldVector, ColumnWriter> writer,
      Function<FieldVector, ColumnVector> view) {}

  private static final Map<LogicalTypeRoot, Mapping> MAPPINGS =
      new EnumMap<>(LogicalTypeRoot.class);

  static {
    exact(BOOLEAN, ArrowType.Bool.INSTANCE, BooleanView::new, v -> {
      BitVector b = (BitVector) v;
      return (row, f, i) -> b.set(i, row.getBoolean(f) ? 1 : 0);
    });
    exact(TINYINT, new ArrowType.Int(8, true), ByteView::new, v -> {
      TinyIntVector b = (TinyIntVector) v;
      return (row, f, i) -> b.set(i, row.getByte(f));
    });
    exact(SMALLINT, new ArrowType.Int(16, true), ShortView::new, v -> {
      SmallIntVector b = (SmallIntVector) v;
      return (row, f, i) -> b.set(i, row.getShort(f));
    });
    exact(INTEGER, new ArrowType.Int(32, true), IntView::new, v -> {
      IntVector b = (IntVector) v;
      return (row, f, i) -> b.set(i, row.getInt(f));
    });
    exact(BIGINT, new ArrowType.Int(64, true), LongView::new, v -> {
      BigIntVector b = (BigIntVector) v;
      return (row, f, i) -> b.set(i, row.getLong(f));
    });
    exact(FLOAT, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), FloatView::new, v -> {
      Float4Vector b = (Float4Vector) v;
      return (row, f, i) -> b.set(i, row.getFloat(f));
    });
    exact(DOUBLE, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), DoubleView::new, v -> {
      Float8Vector b = (Float8Vector) v;
      return (row, f, i) -> b.set(i, row.getDouble(f));
    });

    Mapping string = new Mapping(
        t -> ArrowType.Utf8.INSTANCE,
        a -> a instanceof ArrowType.Utf8 || a instanceof ArrowType.LargeUtf8,
        (t, v) -> {
          VarCharVector b = (VarCharVector) v;
          return (row, f, i) -> writeUtf8(b, i, row.getString(f));
        },
        BytesView::copyOf);
    MAPPINGS.put(CHAR, string);
    MAPPINGS.put(VARCHAR, string);

    Mapping binary = new Mapping(
        t -> ArrowType.Binary.INSTANCE,
        a -> a instanceof ArrowType.Binary || a instanceof ArrowType.LargeBinary,
        (t, v) -> {
          VarBinaryVector b = (VarBinaryVector) v;
          return (row, f, i) -> b.setSafe(i, row.getBinary(f));
        },
        BytesView::copyOf);
    MAPPINGS.put(BINARY, binary);
    MAPPINGS.put(VARBINARY, binary);

    // JS Date columns are Date(MILLISECOND): accept both date units on read.
    MAPPINGS.put(DATE, new Mapping(
        t -> new ArrowType.Date(DateUnit.DAY),
        a -> a instanceof ArrowType.Date,
        (t, v) -> {
          DateDayVector b = (DateDayVector) v;
          return (row, f, i) -> b.set(i, row.getInt(f));
        },
        v -> v instanceof DateDayVector ? new IntView(v) : new DateMilliView(v)));

    MAPPINGS.put(TIME_WITHOUT_TIME_ZONE, new Mapping(
        t -> new ArrowType.Time(TimeUnit.MILLISECOND, 32),
        a -> a instanceof ArrowType.Time,
        (t, v) -> {
          TimeMilliVector b = (TimeMilliVector) v;
          return (row, f, i) -> b.set(i, row.getInt(f));
        },
        TimeView::new));

    // Any timestamp unit reads as either kind: both count from the epoch, in UTC.
    MAPPINGS.put(TIMESTAMP_WITHOUT_TIME_ZONE, timestamp(null));
    MAPPINGS.put(TIMESTAMP_WITH_LOCAL_TIME_ZONE, timestamp("UTC"));

    MAPPINGS.put(DECIMAL, new Mapping(
        t -> new ArrowType.Decimal(
            ((DecimalType) t).getPrecision(), ((DecimalType) t).getScale(), 128),
        a -> a instanceof ArrowType.Decimal d && d.getBitWidth() == 128,
        (t, v) -> {
          DecimalVector b = (DecimalVector) v;
          int precision = ((DecimalType) t).getPrecision();
          int scale = ((DecimalType) t).getScale();
          return (row, f, i) -> {
            DecimalData d = row.getDecimal(f, precision, scale);
            if (d.isCompact()) {
              b.set(i, d.toUnscaledLong());
            } else {
              b.set(i, d.toBigDecimal());
            }
          };
        },
        DecimalView::new));

    // ARRAY, MAP and ROW columns: an Arrow List (read and written), an Arrow Struct (both) and Map (written only);
    // their elements go through their own types' mappings (ArrowNestedWriters, view()).
    MAPPINGS.put(ARRAY, new Mapping(
        t -> ArrowType.List.INSTANCE,
        a -> a instanceof ArrowType.List,
        ArrowNestedWriters::list,
        noView("ARRAY views are made by ArrowTypeMapping.view")));
    MAPPINGS.put(MAP, new Mapping(
        t -> new ArrowType.Map(false),
        a -> false,
        ArrowNestedWriters::map,
        noView("MAP columns cannot be read from Arrow yet")));
    MAPPINGS.put(ROW, new Mapping(
        t -> ArrowType.Struct.INSTANCE,
        a -> a instanceof ArrowType.Struct,
        ArrowNestedWriters::struct,
        noView("ROW views are made by ArrowTypeMapping.view")));
  }

  /** The view factory of a type whose views are made elsewhere, or that cannot be read. */
  private static Function<FieldVector, ColumnVector> noView(String why) {
    return v -> {
      throw new IllegalStateException(why);
    };
  }

  private static void exact(
      LogicalTypeRoot root,
      ArrowType arrowType,
      Function<FieldVector, ColumnVector> view,
      Function<FieldVector, ColumnWriter> writer) {
    MAPPINGS.put(root, new Mapping(
        t -> arrowType, arrowType::equals, (t, v) -> writer.apply(v), view));
  }

  private static Mapping timestamp(String timeZone) {
    return new Mapping(
        t -> new ArrowType.Timestamp(
            LogicalTypeChecks.getPrecision(t) <= 3 ? TimeUnit.MILLISECOND : TimeUnit.MICROSECOND,
            timeZone),
        a -> a instanceof ArrowType.Timestamp,
        (t, v) -> {
          TimeStampVector b = (TimeStampVector) v;
          int precision = LogicalTypeChecks.getPrecision(t);
          boolean millis = ((ArrowType.Timestamp) v.getField().getType()).getUnit()
              == TimeUnit.MILLISECOND;
          return (row, f, i) -> {
            TimestampData ts = row.getTimestamp(f, precision);
            b.set(i, millis
                ? ts.getMillisecond()
                : ts.getMillisecond() * 1000 + ts.getNanoOfMillisecond() / 1000);
          };
        },
        TimestampView::new);
  }

  /** Copies the UTF-8 bytes straight from Flink's memory segment, without a byte[] per value. */
  private static void writeUtf8(VarCharVector vector, int index, StringData value) {
    if (value instanceof BinaryStringData s) {
      s.ensureMaterialized();
      MemorySegment[] segments = s.getSegments();
      if (segments.length == 1 && !segments[0].isOffHeap()) {
        vector.setSafe(index, segments[0].getArray(), s.getOffset(), s.getSizeInBytes());
        return;
      }
    }
    byte[] bytes = value.toBytes();
    vector.setSafe(index, bytes, 0, bytes.length);
  }

  private ArrowTypeMapping() {}

  /** Fails with the column and type named when a column's type cannot travel as Arrow. */
  static void checkSupported(RowType rowType) {
    for (RowType.RowField field : rowType.getFields()) {
      mapping(field.getName(), field.getType());
    }
  }

  public static Schema schemaOf(RowType rowType) {
    List<Field> fields = new ArrayList<>();
    for (RowType.RowField f : rowType.getFields()) {
      fields.add(fieldOf(f.getName(), f.getType()));
    }
    return new Schema(fields);
  }

  /** The Arrow field of one column (with the children of a List or Map). */
  static Field fieldOf(String column, LogicalType type) {
    return ArrowNestedWriters.fieldOf(column, type, mapping(column, type).arrowType.apply(type));
  }

  /** The vector must have been made from {@link #schemaOf}. */
  public static ColumnWriter writer(String column, LogicalType type, FieldVector vector) {
    return mapping(column, type).writer.apply(type, vector);
  }

  /** How to see a file column of Arrow type {@code fileType} as a Flink column of {@code type}. */
  public static Function<FieldVector, ColumnVector> view(
      String column, LogicalType type, ArrowType fileType) {
    Mapping m = mapping(column, type);
    if (type instanceof ArrayType array && fileType instanceof ArrowType.List) {
      LogicalType element = array.getElementType();
      return v -> {
        ListVector list = (ListVector) v;
        FieldVector child = list.getDataVector();
        return new ArrowColumnViews.ListView(
            list, view(column, element, child.getField().getType()).apply(child));
      };
    }
    if (type instanceof RowType row && fileType instanceof ArrowType.Struct) {
      return v -> {
        StructVector struct = (StructVector) v;
        ColumnVector[] fields = new ColumnVector[row.getFieldCount()];
        for (int c = 0; c < fields.length; c++) {
          FieldVector child = (FieldVector) struct.getChildByOrdinal(c);
          fields[c] = view(column, row.getTypeAt(c), child.getField().getType()).apply(child);
        }
        return new ArrowColumnViews.StructView(struct, fields);
      };
    }
    if (!m.readable.test(fileType)) {
      throw new IllegalArgumentException(String.format(
          "Column '%s' is %s in the Arrow file, which cannot be read as %s (the file should hold %s).",
          column, fileType, type.asSummaryString(), m.arrowType.apply(type)));
    }
    return m.view;
  }

  private static Mapping mapping(String column, LogicalType type) {
    Mapping m = MAPPINGS.get(type.getTypeRoot());
    if (m == null) {
      throw new UnsupportedOperationException(String.format(
          "Column '%s' has type %s, which the %s format does not support. Supported types: %s.",
          column, type.asSummaryString(), ArrowFormatFactory.IDENTIFIER,
          MAPPINGS.keySet().stream().map(Enum::name).collect(Collectors.joining(", "))));
    }
    return m;
  }
}
