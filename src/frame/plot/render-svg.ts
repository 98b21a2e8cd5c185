import type { VegaLiteSpec } from './chart-specs.js';

/**
 * Vega-Lite → Vega → SVG, headless in Node (no canvas, no browser). The packages are ESM-only and large, so they
 * load on the first plot rather than with flinkframe.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
