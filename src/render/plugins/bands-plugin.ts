import type { ChartType, Plugin } from "chart.js";

/** Options of {@link bandsPlugin}, under `options.plugins.actvizBands`. */
export interface BandsPluginOptions {
  /** x-intervals to shade; either end may be infinite (shade to the edge). */
  bands: readonly { from: number; to: number }[];
  /** CSS fill colour, meant to be translucent. */
  color: string;
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends ChartType> {
    actvizBands?: BandsPluginOptions;
  }
}

/**
 * Shades x-intervals across the full height of the chart area, after the grid and before
 * the datasets, so curves stay on top. Intervals are clipped to the area; empty ones skipped.
 */
export const bandsPlugin: Plugin<ChartType, BandsPluginOptions> = {
  id: "actvizBands",
  beforeDatasetsDraw(chart, _args, options) {
    const scale = chart.scales.x;
    const bands = options.bands ?? [];
    if (!scale || bands.length === 0) return;
    const { ctx, chartArea: area } = chart;
    ctx.save();
    ctx.fillStyle = options.color;
    for (const band of bands) {
      const a = Math.min(band.from, band.to);
      const b = Math.max(band.from, band.to);
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      const left = Math.max(area.left, a === -Infinity ? area.left : scale.getPixelForValue(a));
      const right = Math.min(area.right, b === Infinity ? area.right : scale.getPixelForValue(b));
      if (right > left) ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
    }
    ctx.restore();
  },
};
