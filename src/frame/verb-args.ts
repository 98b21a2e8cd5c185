/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The shapes of Arquero's verb arguments, typed loosely on purpose: a lambda's `d` is a row of any columns
 * and `$` the table's params. (These give TypeScript users contextual types for `d => d.x`.)
 */
export type RowFunction = (d: any, $: any) => any;

/** A table expression: a lambda, a string such as 'd.a + 1', or an op call such as op.mean('x') (Arquero types op calls as their values). */
export type TableExpr = RowFunction | string | object | number | boolean | null;

export type ExprObject = Record<string, TableExpr>;

/** A column selection: a name, an index, a selection helper (all, not, range), an array, or { old: 'new' }. */
export type Selection = string | number | ((table: any) => any) | Selection[] | Record<string, string>;

/** An orderby key: a column name, index, lambda, desc(...) wrapper, or object of those. */
export type OrderKeyValue = string | number | RowFunction | object;
