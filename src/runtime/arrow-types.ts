import * as flechette from '@uwdata/flechette';
import { FlinkFrameError } from '../errors.js';

type ArrowType = flechette.DataType;

interface FlinkType {
  root: string;
  precision?: number;
  scale?: number;
}

/** 'DECIMAL(10, 2)' → { root: 'DECIMAL', precision: 10, scale: 2 }; 'TIMESTAMP(3) *ROWTIME*' → TIMESTAMP, 3. */
export function parseFlinkType(type: string): FlinkType {
  const m = /^([A-Z_]+(?: WITH LOCAL TIME ZONE)?)(?:\((\d+)(?:,\s*(\d+))?\))?/.exec(type.trim());
  if (!m) throw new FlinkFrameError(`flinkframe: cannot read the Flink type "${type}"`);
  return { root: m[1]!, precision: m[2] ? Number(m[2]) : undefined, scale: m[3] ? Number(m[3]) : undefined };
}

const timestampUnit = (p = 6) => (p <= 3 ? flechette.TimeUnit.MILLISECOND : flechette.TimeUnit.MICROSECOND);

/** The Arrow type Flink's flinkframe-arrow format uses for each Flink type. */
const arrowOfFlink: Record<string, (t: FlinkType) => ArrowType> = {
  BOOLEAN: () => flechette.bool(),
  TINYINT: () => flechette.int8(),
  SMALLINT: () => flechette.int16(),
  INT: () => flechette.int32(),
  INTEGER: () => flechette.int32(),
  BIGINT: () => flechette.int64(),
  FLOAT: () => flechette.float32(),
  DOUBLE: () => flechette.float64(),
  STRING: () => flechette.utf8(),
  VARCHAR: () => flechette.utf8(),
  CHAR: () => flechette.utf8(),
  BYTES: () => flechette.binary(),
  VARBINARY: () => flechette.binary(),
  BINARY: () => flechette.binary(),
  DATE: () => flechette.dateDay(),
  TIME: () => flechette.timeMillisecond(),
  TIMESTAMP: (t) => flechette.timestamp(timestampUnit(t.precision)),
  TIMESTAMP_LTZ: (t) => flechette.timestamp(timestampUnit(t.precision), 'UTC'),
  'TIMESTAMP WITH LOCAL TIME ZONE': (t) => flechette.timestamp(timestampUnit(t.precision), 'UTC'),
  DECIMAL: (t) => flechette.decimal(t.precision ?? 10, t.scale ?? 0, 128),
};

/** Splits "A, B<C, D>, E" at its top-level commas. */
function topLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '<' || c === '(') depth++;
    else if (c === '>' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(list.slice(start).trim());
  return parts;
}

/** ARRAY<T>, MAP<K, V> and ROW<`f` T, ...> as Arrow List, Map and Struct (java/ ArrowNestedWriters). */
function nestedArrowType(flinkType: string, column: string): ArrowType | undefined {
  const type = flinkType.trim().replace(/ NOT NULL$/, '');
  const nested = /^(ARRAY|MAP|ROW)<(.+)>$/.exec(type);
  if (!nested) return undefined;
  const parts = topLevel(nested[2]!);
  if (nested[1] === 'ARRAY') return flechette.list(arrowTypeOf(nested[2]!, column));
  if (nested[1] === 'MAP') return flechette.map(flechette.field('key', arrowTypeOf(parts[0]!, column), false), arrowTypeOf(parts[1]!, column));
  return flechette.struct(parts.map((f) => {
    const named = /^`([^`]+)`\s+(.+)$/.exec(f) ?? /^(\S+)\s+(.+)$/.exec(f);
    if (!named) throw new FlinkFrameError(`flinkframe: cannot read the ROW field "${f}" of column "${column}"`);
    return flechette.field(named[1]!, arrowTypeOf(named[2]!, column));
  }));
}

export function arrowTypeOf(flinkType: string, column: string): ArrowType {
  const nested = nestedArrowType(flinkType, column);
  if (nested) return nested;
  const parsed = parseFlinkType(flinkType);
  const make = arrowOfFlink[parsed.root];
  if (!make) {
    throw new FlinkFrameError(
      `Column "${column}" has the Flink type ${flinkType}, which flinkframe cannot move to or from JavaScript yet. ` +
        'CAST it to a supported type (numbers, STRING, BOOLEAN, DATE, TIMESTAMP, DECIMAL) before collecting.',
    );
  }
  return make(parsed);
}

/** The Flink type for an Arrow column handed to fromArrow. */
export function flinkTypeOfArrow(type: ArrowType, column: string): string {
  const T = flechette.Type;
  switch (type.typeId) {
    case T.Bool:
      return 'BOOLEAN';
    case T.Int: {
      const names: Record<number, string> = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INT', 64: 'BIGINT' };
      if (!type.signed) break;
      return names[type.bitWidth]!;
    }
    case T.Float:
      return type.precision === flechette.Precision.SINGLE ? 'FLOAT' : 'DOUBLE';
    case T.Utf8:
    case T.LargeUtf8:
      return 'STRING';
    case T.Binary:
      return 'BYTES';
    case T.Date:
      return type.unit === flechette.DateUnit.DAY ? 'DATE' : 'TIMESTAMP(3)';
    case T.Timestamp: {
      const p = type.unit === flechette.TimeUnit.SECOND || type.unit === flechette.TimeUnit.MILLISECOND ? 3 : 6;
      return type.timezone ? `TIMESTAMP_LTZ(${p})` : `TIMESTAMP(${p})`;
    }
    case T.Decimal:
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case T.Dictionary:
      return flinkTypeOfArrow(type.dictionary, column);
    case T.Struct:
      return `ROW<${type.children.map((f) => `\`${f.name}\` ${flinkTypeOfArrow(f.type, column)}`).join(', ')}>`;
    case T.List:
    case T.FixedSizeList: // re-encoded as a List (arrow-fixed-lists.ts)
      return `ARRAY<${flinkTypeOfArrow(type.children[0]!.type, column)}>`;
  }
  throw new FlinkFrameError(
    `Column "${column}" has an Arrow type (id ${type.typeId}) that flinkframe does not read yet; ` +
      'convert it to numbers, strings, booleans, dates or timestamps first.',
  );
}
