package dev.flinkframe.arrow;

import dev.flinkframe.arrow.ArrowTypeMapping.ColumnWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

/**
 * ARRAY, MAP and ROW columns as Arrow List, Map and Struct vectors. Each element goes through its own type's
 * writer from {@link ArrowTypeMapping}, seen as field 0 of a one-field row, so nested types need no
 * second set of writers.
 */
final class ArrowNestedWriters {

  private ArrowNestedWriters() {}

  /** Writes every element of an array into a child vector from position {@code start}. */
  private interface ElementsWriter {
    void write(ArrayData array, int start);
  }

  /** The Arrow field of a column, with the child fields a List or Map needs. */
  static Field fieldOf(String name, LogicalType type, ArrowType arrowType) {
    FieldType fieldType = new FieldType(type.isNullable(), arrowType, null);
    if (type instanceof ArrayType array) {
      return new Field(name, fieldType, List.of(ArrowTypeMapping.fieldOf("element", array.getElementType())));
    }
    if (type instanceof MapType map) {
      // Arrow requires non-null entries and keys.
      Field key = ArrowTypeMapping.fieldOf("key", map.getKeyType().copy(false));
      Field value = ArrowTypeMapping.fieldOf("value", map.getValueType());
      return new Field(name, fieldType, List.of(
          new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(key, value))));
    }
    if (type instanceof RowType row) {
      List<Field> children = new ArrayList<>();
      for (RowType.RowField f : row.getFields()) {
        children.add(ArrowTypeMapping.fieldOf(f.getName(), f.getType()));
      }
      return new Field(name, fieldType, children);
    }
    return new Field(name, fieldType, null);
  }

  /** A ROW as an Arrow Struct: each field through its own type's writer. */
  static ColumnWriter struct(LogicalType type, FieldVector vector) {
    StructVector struct = (StructVector) vector;
    RowType rowType = (RowType) type;
    int n = rowType.getFieldCount();
    FieldVector[] children = new FieldVector[n];
    ColumnWriter[] writers = new ColumnWriter[n];
    for (int c = 0; c < n; c++) {
      children[c] = (FieldVector) struct.getChildByOrdinal(c);
      writers[c] = ArrowTypeMapping.writer(rowType.getFieldNames().get(c), rowType.getTypeAt(c), children[c]);
    }
    return (row, f, i) -> {
      RowData value = row.getRow(f, n);
      struct.setIndexDefined(i);
      for (int c = 0; c < n; c++) {
        while (children[c].getValueCapacity() <= i) {
          children[c].reAlloc();
        }
        if (value.isNullAt(c)) {
          children[c].setNull(i);
        } else {
          writers[c].write(value, c, i);
        }
      }
    };
  }

  static ColumnWriter list(LogicalType type, FieldVector vector) {
    ListVector list = (ListVector) vector;
    ElementsWriter elements =
        elements(((ArrayType) type).getElementType(), list.getDataVector());
    return (row, f, i) -> {
      ArrayData array = row.getArray(f);
      int start = list.startNewValue(i);
      elements.write(array, start);
      list.endValue(i, array.size());
    };
  }

  static ColumnWriter map(LogicalType type, FieldVector vector) {
    MapVector map = (MapVector) vector;
    MapType mapType = (MapType) type;
    StructVector entries = (StructVector) map.getDataVector();
    ElementsWriter keys = elements(mapType.getKeyType(), (FieldVector) entries.getChildByOrdinal(0));
    ElementsWriter values =
        elements(mapType.getValueType(), (FieldVector) entries.getChildByOrdinal(1));
    return (row, f, i) -> {
      MapData data = row.getMap(f);
      int start = map.startNewValue(i);
      for (int j = 0; j < data.size(); j++) {
        entries.setIndexDefined(start + j);
      }
      keys.write(data.keyArray(), start);
      values.write(data.valueArray(), start);
      map.endValue(i, data.size());
    };
  }

  private static ElementsWriter elements(LogicalType type, FieldVector child) {
    ColumnWriter writer = ArrowTypeMapping.writer("element", type, child);
    ArrayData.ElementGetter getter = ArrayData.createElementGetter(type);
    GenericRowData holder = new GenericRowData(1);
    return (array, start) -> {
      for (int j = 0; j < array.size(); j++) {
        int at = start + j;
        // Element writers set without growing (sized for a batch of rows); a child holds more.
        while (child.getValueCapacity() <= at) {
          child.reAlloc();
        }
        if (array.isNullAt(j)) {
          child.setNull(at);
        } else {
          holder.setField(0, getter.getElementOrNull(array, j));
          writer.write(holder, 0, at);
        }
      }
    };
  }
}
