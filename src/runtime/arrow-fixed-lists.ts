import * as flechette from '@uwdata/flechette';

/**
 * Arquero's toArrow writes a column of equal-length arrays as a FixedSizeList, which Flink's reader (java/
 * ArrowTypeMapping) does not take. Such a column is handed over as plain JS arrays, to be encoded as a List.
 */
export function hasFixedSizeLists(table: flechette.Table): boolean {
  return table.schema.fields.some((f) => f.type.typeId === flechette.Type.FixedSizeList);
}

/** The columns of an Arrow table as JS values: lists as plain arrays (not typed-array views). */
export function columnsAsArrays(table: flechette.Table): [string, unknown[]][] {
  return table.schema.fields.map((f) => {
    const values = Array.from(table.getChild(f.name).toArray() as ArrayLike<unknown>);
    const isList = f.type.typeId === flechette.Type.FixedSizeList || f.type.typeId === flechette.Type.List;
    return [f.name, isList ? values.map((v) => (v == null ? null : Array.from(v as ArrayLike<unknown>))) : values];
  });
}
