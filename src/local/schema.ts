import type * as aq from 'arquero';
import { inferFlinkType } from '../runtime/arrow-encode.js';
import { encodeObjectColumns } from '../runtime/object-values.js';
import type { Schema } from '../translate/schema.js';

/** An Arquero result's columns with the Flink SQL types its values would have in a Flink session. */
export function localSchema(table: aq.ColumnTable): Schema {
  return table.columnNames().map((name) => {
    const values = table.array(name) as ArrayLike<unknown>;
    let type: string;
    try {
      const first = Array.from(values).find((v) => v != null);
      // objects and RegExps as a Flink session types them (object-values.ts)
      const objectType = encodeObjectColumns([[name, values]], {}).types[name];
      type = objectType ?? (Array.isArray(first)
        ? `ARRAY<${inferFlinkType(name, (Array.from(values) as unknown[][]).flatMap((v) => v ?? []))}>`
        : inferFlinkType(name, values));
    } catch {
      type = 'STRING'; // values of mixed kinds: Arquero holds anything, Flink would need one type
    }
    return { name, type };
  });
}
