import { vectorFromArray, type Vector } from 'apache-arrow';
import { FlinkFrameError } from '../errors.js';
import { instantiate } from '../runtime/udf-instance.js';
import type { UdfWorkerSpec } from '../runtime/udf-spec.js';
import { resultVector } from '../runtime/udf-result.js';

/** What the local engine needs of a JavaScript UDF (frame's Udf has these fields). */
export interface LocalUdfSpec {
  readonly source: string;
  readonly form?: UdfWorkerSpec['form'];
  readonly bound?: readonly NonNullable<UdfWorkerSpec['bound']>[number][];
  readonly returns: string;
  readonly vectorized: boolean;
  readonly params: Record<string, unknown>;
}

/** An argument as a vectorized UDF gets it from a Flink batch: a typed array when numeric without nulls, else a vector. */
function vectorArg(value: unknown): unknown {
  const vector: Vector = vectorFromArray([typeof value === 'bigint' ? Number(value) : value ?? null]);
  const typed = vector.nullCount === 0 ? vector.toArray() : undefined;
  return ArrayBuffer.isView(typed) ? typed : vector;
}

const jsValue = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v);

/**
 * The UDF as a function Arquero calls once per row. It is rebuilt from its source with its params, as the Node
 * workers rebuild it, so a UDF that works here also works on Flink. A vectorized UDF is called with one-row
 * batches; results are checked against the declared type as the workers check them.
 */
export function arqueroFunction(name: string, spec: LocalUdfSpec): (...args: unknown[]) => unknown {
  // the function, object or class form with bound arguments, as a worker rebuilds it (open/close do not run here)
  const fn = instantiate({ name, source: spec.source, params: spec.params, form: spec.form, bound: spec.bound ? [...spec.bound] : undefined } as UdfWorkerSpec).call;
  const call = spec.vectorized ? (args: unknown[]) => fn(...args.map(vectorArg)) : (args: unknown[]) => [fn(...args.map(jsValue))];
  return (...args) => {
    try {
      return jsValue(resultVector(call(args), 1, spec.returns).get(0));
    } catch (e) {
      const row = args.map((v) => JSON.stringify(jsValue(v)) ?? 'undefined').join(', ');
      throw new FlinkFrameError(`JavaScript UDF '${name}' failed on row (${row}): ${(e as Error).message}`, { cause: e });
    }
  };
}
