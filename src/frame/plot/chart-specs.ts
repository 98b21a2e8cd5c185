/** A Vega-Lite spec without its data: the frame's rows become `data.values` when it is plotted. */
export type VegaLiteSpec = Record<string, unknown>;

export interface ChartOptions {
  /** A column that colors the marks (one series per value). */
  color?: string;
  title?: string;
  width?: number;
  height?: number;
}

type FieldType = 'quantitative' | 'nominal' | 'ordinal' | 'temporal';

/** `name` or `name:type` with Vega-Lite's shorthands (`:Q`, `:N`, `:O`, `:T`). */
function field(shorthand: string, fallback: FieldType): { field: string; type: FieldType } {
  const types: Record<string, FieldType> = { Q: 'quantitative', N: 'nominal', O: 'ordinal', T: 'temporal' };
  const match = /^(.*):([QNOT])$/.exec(shorthand);
  return match ? { field: match[1]!, type: types[match[2]!]! } : { field: shorthand, type: fallback };
}

function chart(mark: Record<string, unknown>, x: { field: string; type: FieldType }, y: { field: string; type: FieldType }, options: ChartOptions): VegaLiteSpec {
  return {
    ...(options.title ? { title: options.title } : {}),
    width: options.width ?? 400,
    height: options.height ?? 250,
    mark,
    encoding: { x, y, ...(options.color ? { color: { field: options.color, type: 'nominal' } } : {}) },
  };
}

/** Bars: one per value of the category column x, as tall as y. */
export const bar = (x: string, y: string, options: ChartOptions = {}): VegaLiteSpec =>
  chart({ type: 'bar', tooltip: true }, field(x, 'nominal'), field(y, 'quantitative'), options);

/** A line through y over x (a number or date column), one per color value. */
export const line = (x: string, y: string, options: ChartOptions = {}): VegaLiteSpec =>
  chart({ type: 'line', point: true, tooltip: true }, field(x, 'quantitative'), field(y, 'quantitative'), options);

/** One point per row at (x, y). */
export const scatter = (x: string, y: string, options: ChartOptions = {}): VegaLiteSpec =>
  chart({ type: 'point', tooltip: true }, field(x, 'quantitative'), field(y, 'quantitative'), options);
