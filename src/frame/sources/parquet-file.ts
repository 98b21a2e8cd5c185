import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parquetMetadata, parquetSchema } from 'hyparquet';
import type { SchemaTree } from 'hyparquet';
import { FlinkFrameError } from '../../errors.js';
import type { Schema } from '../../translate/schema.js';
import type { SourceNode } from '../../translate/plan.js';
import type { Session } from '../session.js';
import { checkedInput } from './file-path.js';
import { fileSource } from './file-source.js';

/** The footer holds the schema: read only the end of the file. */
function readFooter(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, 8));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    const length = tail.readUInt32LE(0) + 8;
    const footer = Buffer.alloc(Math.min(size, length));
    readSync(fd, footer, 0, footer.length, size - footer.length);
    return new Uint8Array(footer.buffer, footer.byteOffset, footer.length);
  } finally {
    closeSync(fd);
  }
}

const timestampPrecision = (unit: string) => (unit === 'MILLIS' ? 3 : 6);

function flinkType(node: SchemaTree, file: string): string {
  const e = node.element;
  const logical = e.logical_type;
  if (node.children.length) {
    throw new FlinkFrameError(`loadParquet: column "${e.name}" in ${file} is nested (list, map or struct), which flinkframe does not read yet.`);
  }
  if (logical?.type === 'STRING' || e.converted_type === 'UTF8' || logical?.type === 'ENUM' || logical?.type === 'JSON') return 'STRING';
  if (logical?.type === 'DATE' || e.converted_type === 'DATE') return 'DATE';
  if (logical?.type === 'TIMESTAMP') return `${logical.isAdjustedToUTC ? 'TIMESTAMP_LTZ' : 'TIMESTAMP'}(${timestampPrecision(logical.unit)})`;
  if (e.converted_type === 'TIMESTAMP_MILLIS') return 'TIMESTAMP(3)';
  if (e.converted_type === 'TIMESTAMP_MICROS') return 'TIMESTAMP(6)';
  if (logical?.type === 'DECIMAL') return `DECIMAL(${logical.precision}, ${logical.scale})`;
  if (e.converted_type === 'DECIMAL') return `DECIMAL(${e.precision}, ${e.scale})`;
  if (logical?.type === 'INTEGER') return { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INT', 64: 'BIGINT' }[logical.bitWidth] ?? 'BIGINT';
  const physical: Record<string, string> = {
    BOOLEAN: 'BOOLEAN', INT32: 'INT', INT64: 'BIGINT', FLOAT: 'FLOAT', DOUBLE: 'DOUBLE', BYTE_ARRAY: 'BYTES', FIXED_LEN_BYTE_ARRAY: 'BYTES',
  };
  const type = e.type && physical[e.type];
  if (!type) throw new FlinkFrameError(`loadParquet: column "${e.name}" in ${file} has a type (${e.type}) flinkframe does not read yet.`);
  return type;
}

export function parquetFileSource(session: Session, path: string, options: { types?: Record<string, string> }): SourceNode {
  const { absolute, sample } = checkedInput(path, 'loadParquet');
  let tree: SchemaTree;
  try {
    tree = parquetSchema(parquetMetadata(readFooter(sample)));
  } catch (e) {
    throw new FlinkFrameError(`loadParquet: ${sample} is not a readable Parquet file (${(e as Error).message}).`, { cause: e });
  }
  const schema: Schema = tree.children.map((child) => ({
    name: child.element.name,
    type: options.types?.[child.element.name] ?? flinkType(child, sample),
  }));
  return fileSource(session, absolute, schema, `loadParquet(${JSON.stringify(path)})`, { format: 'parquet' });
}
