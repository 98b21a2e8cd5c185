/**
 * Which Arquero ops with no Flink SQL form (op-registry.ts UNTRANSLATED) run as JavaScript instead: the per-row
 * functions of Arquero (node_modules/arquero/src/op/functions), evaluated by Arquero's own implementation in
 * the UDF worker. Aggregate and window functions are not per-row values, so they stay refused.
 */
import { UNTRANSLATED } from './op-registry.js';

/** Arquero's per-row functions (its `functions` table), not its aggregates or window functions. */
const ARQUERO_ROW_FUNCTIONS = new Set([
  'match', 'sequence', 'compact', 'concat', 'join', 'pluck', 'entries', 'has', 'keys', 'object', 'values',
  'parse_json', 'to_json', 'recode', 'normalize', 'clz32', 'row_object',
]);

/** True if `op.name(...)` has no SQL form but can run as a JavaScript part, with Arquero's op in the worker. */
export function canRunAsJs(name: string): boolean {
  return Object.hasOwn(UNTRANSLATED, name) && ARQUERO_ROW_FUNCTIONS.has(name);
}

/**
 * Result types of Arquero ops when they run as JavaScript (a Flink SQL type, or undefined for an array or
 * object, which a JavaScript part can only return inside something that makes it a string, number or boolean).
 */
export const JS_OP_TYPES: Record<string, string | undefined> = {
  to_json: 'STRING', normalize: 'STRING', clz32: 'INT', has: 'BOOLEAN', join: 'STRING',
};

/** op.match(value, regexp, index) gives the matched group (a string); without the index, an array. */
export function jsOpType(name: string, argCount: number): string | undefined {
  if (name === 'match') return argCount === 3 ? 'STRING' : undefined;
  return Object.hasOwn(JS_OP_TYPES, name) ? JS_OP_TYPES[name] : undefined;
}
