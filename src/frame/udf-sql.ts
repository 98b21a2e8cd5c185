/**
 * JavaScript UDFs callable by name from sql(): each is registered in Flink as a Java ScalarFunction
 * (java/.../udf/JsScalarFunction.java) that sends every row to a Node worker. Flink calls such a function once
 * per row, so this is for convenience; frames' op.name(...) calls run in UDF stages, which batch rows.
 */
import { quoteIdent } from '../translate/sql-text.js';
import type { Session } from './session.js';
import type { Udf } from './udf.js';
import { workerSpec } from './udf-stages.js';

const inFlink = new WeakMap<Session, Map<string, Udf>>();

/** Registers the session's UDFs that Flink does not know yet (or knows in an older version) under their names. */
export function registerSqlFunctions(session: Session): void {
  let known = inFlink.get(session);
  if (!known) inFlink.set(session, (known = new Map()));
  for (const [name, udf] of session.functions) {
    if (known.get(name) === udf) continue;
    const engine = session.engine;
    if (known.has(name)) engine.execute(`DROP TEMPORARY SYSTEM FUNCTION IF EXISTS ${quoteIdent(name)}`);
    engine.registerJsFunction(name, JSON.stringify(workerSpec(name, udf, 'result')));
    known.set(name, udf);
  }
}
