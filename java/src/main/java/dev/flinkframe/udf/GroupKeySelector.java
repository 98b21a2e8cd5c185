package dev.flinkframe.udf;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

/** The group key of a row: its key columns as a row (no columns: one group for the whole table). */
final class GroupKeySelector implements KeySelector<RowData, RowData>, ResultTypeQueryable<RowData> {
  private static final long serialVersionUID = 1L;

  private final RowType keyType;
  private final int[] keyFields;
  private transient RowData.FieldGetter[] getters;

  GroupKeySelector(RowType inputType, int[] keyFields) {
    this.keyFields = keyFields;
    RowType.RowField[] fields = new RowType.RowField[keyFields.length];
    for (int i = 0; i < keyFields.length; i++) fields[i] = inputType.getFields().get(keyFields[i]);
    this.keyType = new RowType(java.util.List.of(fields));
  }

  RowType keyType() {
    return keyType;
  }

  @Override
  public RowData getKey(RowData row) {
    if (getters == null) {
      getters = new RowData.FieldGetter[keyFields.length];
      for (int i = 0; i < keyFields.length; i++) getters[i] = RowData.createFieldGetter(keyType.getTypeAt(i), keyFields[i]);
    }
    GenericRowData key = new GenericRowData(keyFields.length);
    for (int i = 0; i < keyFields.length; i++) key.setField(i, getters[i].getFieldOrNull(row));
    return key;
  }

  @Override
  public TypeInformation<RowData> getProducedType() {
    return InternalTypeInfo.of(keyType);
  }
}
