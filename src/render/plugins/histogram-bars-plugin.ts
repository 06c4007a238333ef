import type { ChartType, Plugin } from "chart.js";

/** Options of {@link histogramBarsPlugin}, under `options.plugins.actvizHistogramBars`. */
export interface HistogramBarsPluginOptions {
  /** Bin edges, ascending, one more than counts. */
  edges: readonly number[];
  counts: readonly number[];
  /** CSS fill of the bars. */
  color: string;
  /** CSS colour of the thin lines between bars (drawn when bars are wide enough). */
  edgeColor: string;
  /** A second histogram over the same edges (a baseline), drawn first, behind the bars. */
  overlay?: { counts: readonly number[]; color: string };
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends ChartType> {
    actvizHistogramBars?: HistogramBarsPluginOptions;
  }
}

/** Bars narrower than this (CSS px) get no separating lines: they would hide the fill. */
const MIN_OUTLINED_WIDTH = 4;

/**
 * Draws histogram bins as touching bars: bin i spans edges[i]..edges[i + 1] on the x scale and
 * 0..counts[i] on the y scale, exactly, clipped to the chart area. One filled path, then (for
 * bars at least 4 px wide) thin lines between them; an overlay's bars are filled first, behind
 * (give both translucent colours). In SVG and PDF the bars stay vectors.
 */
export const histogramBarsPlugin: Plugin<ChartType, HistogramBarsPluginOptions> = {
  id: "actvizHistogramBars",
  beforeDatasetsDraw(chart, _args, options) {
    const { x, y } = chart.scales;
    const { edges, counts } = options;
    if (!x || !y || !edges || !counts || counts.length === 0) return;
    const { ctx, chartArea: area } = chart;
    const base = y.getPixelForValue(Math.max(y.min, 0));
    let narrowest = Infinity;
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    const bars = (values: readonly number[], color: string) => {
      ctx.beginPath();
      for (let i = 0; i < values.length; i++) {
        const left = x.getPixelForValue(edges[i]!);
        const right = x.getPixelForValue(edges[i + 1]!);
        narrowest = Math.min(narrowest, right - left);
        const c = values[i]!;
        if (!(c > 0)) continue;
        const top = y.getPixelForValue(c);
        ctx.rect(left, top, right - left, base - top);
      }
      ctx.fillStyle = color;
      ctx.fill();
    };
    if (options.overlay) bars(options.overlay.counts, options.overlay.color);
    bars(counts, options.color);
    if (narrowest >= MIN_OUTLINED_WIDTH) {
      ctx.beginPath();
      for (let i = 1; i < counts.length; i++) {
        const h = Math.max(counts[i - 1]!, counts[i]!);
        if (!(h > 0)) continue;
        const px = x.getPixelForValue(edges[i]!);
        ctx.moveTo(px, base);
        ctx.lineTo(px, y.getPixelForValue(Math.min(counts[i - 1]!, counts[i]!)));
      }
      ctx.strokeStyle = options.edgeColor;
      ctx.lineWidth = 1;
      ctx.stroke();
    }
    ctx.restore();
  },
};
