import { FlinkFrameError } from '../../errors.js';
import { inferFlinkType } from '../../runtime/arrow-encode.js';
import type { Schema } from '../../translate/schema.js';
import type { SourceNode } from '../../translate/plan.js';
import type { Session } from '../session.js';
import { checkedInput } from './file-path.js';
import { fileSource } from './file-source.js';
import type { StreamingSourceOptions } from './streaming-options.js';
import { sampleLines } from './sample-text.js';

export interface LoadJSONOptions extends StreamingSourceOptions {
  /** Flink SQL types for some or all fields; the rest are inferred from the first lines. */
  types?: Record<string, string>;
  /** Skip lines that do not parse instead of failing the job (default false). */
  skipInvalid?: boolean;
}

/** Newline-delimited JSON: one object per line. Field types come from the first lines, parsed by JSON.parse. */
function inferSchema(file: string, sample: string, options: LoadJSONOptions): Schema {
  if (sample.trimStart().startsWith('[')) {
    throw new FlinkFrameError(
      `loadJSON: ${file} holds a JSON array; flinkframe reads newline-delimited JSON (one object per line). ` +
        'Convert it, or load it in memory with from(JSON.parse(text)).',
    );
  }
  const rows: Record<string, unknown>[] = [];
  sample.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      rows.push(JSON.parse(line));
    } catch {
      if (!options.skipInvalid) {
        throw new FlinkFrameError(`loadJSON: malformed JSON at ${file} line ${i + 1}. Fix the line, or pass { skipInvalid: true }.`);
      }
    }
  });
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return names.map((name) => ({
    name,
    type: options.types?.[name] ?? inferFlinkType(name, rows.map((r) => r[name])),
  }));
}

export function jsonFileSource(session: Session, path: string, options: LoadJSONOptions): SourceNode {
  const { absolute, sample } = checkedInput(path, 'loadJSON');
  const schema = inferSchema(sample, sampleLines(sample), options);
  return fileSource(session, absolute, schema, `loadJSON(${JSON.stringify(path)})`, {
    format: 'json',
    'json.ignore-parse-errors': String(options.skipInvalid ?? false),
    'json.fail-on-missing-field': 'false',
    'json.timestamp-format.standard': 'ISO-8601',
  }, options);
}
