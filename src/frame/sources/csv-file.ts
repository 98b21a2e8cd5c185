import * as aq from 'arquero';
import type { Schema } from '../../translate/schema.js';
import type { SourceNode } from '../../translate/plan.js';
import type { Session } from '../session.js';
import { checkedInput } from './file-path.js';
import { fileSource } from './file-source.js';
import type { StreamingSourceOptions } from './streaming-options.js';
import { sampleLines } from './sample-text.js';

export interface LoadCSVOptions extends StreamingSourceOptions {
  /** Field delimiter (default ','). */
  delimiter?: string;
  /** Whether the first line names the columns (default true). */
  header?: boolean;
  /** Column names when there is no header line. */
  names?: string[];
  /** Flink SQL types for some or all columns, e.g. { id: 'BIGINT' }; the rest are inferred from the first lines. */
  types?: Record<string, string>;
  /** Skip rows that do not parse instead of failing the job (default false). */
  skipInvalid?: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Arquero's CSV type inference, run on a sample of the file, mapped to Flink types. */
function inferSchema(sample: string, options: LoadCSVOptions): Schema {
  const parsed = aq.fromCSV(sample, {
    delimiter: options.delimiter,
    header: options.header ?? true,
    ...(options.names ? { names: options.names } : {}),
  });
  const raw = aq.fromCSV(sample, { delimiter: options.delimiter, header: options.header ?? true, autoType: false, ...(options.names ? { names: options.names } : {}) });
  return parsed.columnNames().map((name) => {
    const values = parsed.array(name) as ArrayLike<unknown>;
    let type = 'STRING';
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      if (typeof v === 'number') type = 'DOUBLE';
      else if (typeof v === 'boolean') type = 'BOOLEAN';
      else if (v instanceof Date) type = ISO_DATE.test(String(raw.get(name, i))) ? 'DATE' : 'TIMESTAMP(3)';
      break;
    }
    return { name, type: options.types?.[name] ?? type };
  });
}

/** A CSV file (or folder of them) read by Flink through the flinkframe-csv format. */
export function csvFileSource(session: Session, path: string, options: LoadCSVOptions): SourceNode {
  const { absolute, sample } = checkedInput(path, 'loadCSV');
  const schema = inferSchema(sampleLines(sample), options);
  return fileSource(session, absolute, schema, `loadCSV(${JSON.stringify(path)})`, {
    format: 'flinkframe-csv',
    'flinkframe-csv.header': String(options.header ?? true),
    'flinkframe-csv.field-delimiter': options.delimiter ?? ',',
    'flinkframe-csv.skip-invalid': String(options.skipInvalid ?? false),
  }, options);
}
