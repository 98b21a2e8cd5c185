/** A column of a frame: its name and its Flink SQL type, as Flink prints it ('BIGINT', 'DOUBLE', 'STRING', 'TIMESTAMP(3)', 'DECIMAL(10, 2)', ...). */
export interface Field {
  readonly name: string;
  readonly type: string;
}

export type Schema = readonly Field[];

export function fieldNames(schema: Schema): string[] {
  return schema.map((f) => f.name);
}

export function findField(schema: Schema, name: string): Field | undefined {
  return schema.find((f) => f.name === name);
}
