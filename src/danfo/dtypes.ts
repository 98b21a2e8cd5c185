/**
 * Danfo's dtypes and the Flink SQL types that stand for them. Danfo has four ('int32', 'float32', 'string',
 * 'boolean'), all held as JS values; Flink types are finer. One table, read both ways.
 */
import { FlinkFrameError } from '../errors.js';

export type DanfoDtype = 'int32' | 'float32' | 'string' | 'boolean';

/** The Flink type a Danfo dtype becomes (fromDanfo, asType). int32 is BIGINT: Danfo's int32 is a JS number, not 32 bits. */
export const FLINK_TYPE_OF: Record<DanfoDtype, string> = {
  int32: 'BIGINT',
  float32: 'DOUBLE',
  string: 'STRING',
  boolean: 'BOOLEAN',
};

/** Flink type families (by the type name's first word) → the Danfo dtype shown by `dtypes`. */
const DTYPE_OF_FLINK: Record<string, DanfoDtype> = {
  TINYINT: 'int32',
  SMALLINT: 'int32',
  INT: 'int32',
  INTEGER: 'int32',
  BIGINT: 'int32',
  FLOAT: 'float32',
  DOUBLE: 'float32',
  DECIMAL: 'float32',
  STRING: 'string',
  VARCHAR: 'string',
  CHAR: 'string',
  BOOLEAN: 'boolean',
};

/** The Danfo dtype of a Flink type; types Danfo has no name for (dates, arrays) keep their Flink name. */
export function danfoDtype(flinkType: string): string {
  const base = flinkType.replace(/ NOT NULL$/, '').split(/[ (<]/)[0]!.toUpperCase();
  return DTYPE_OF_FLINK[base] ?? flinkType;
}

export const isNumericDtype = (dtype: string) => dtype === 'int32' || dtype === 'float32';

export function checkDtype(dtype: unknown, where: string): DanfoDtype {
  if (typeof dtype === 'string' && Object.hasOwn(FLINK_TYPE_OF, dtype)) return dtype as DanfoDtype;
  throw new FlinkFrameError(`${where}: dtype ${JSON.stringify(dtype)} is not one of Danfo's ${Object.keys(FLINK_TYPE_OF).join(', ')}.`);
}
