import type { Chart, ChartType, Plugin } from "chart.js";

/** Options of {@link zeroLinesPlugin}, under `options.plugins.actvizZeroLines`. */
export interface ZeroLinesPluginOptions {
  /** CSS colour of the lines x = 0 and y = 0. */
  color: string;
  /** Line width in CSS pixels. */
  width: number;
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends ChartType> {
    actvizZeroLines?: ZeroLinesPluginOptions;
  }
}

/** Snaps a line position to the device pixel grid so a thin line stays crisp (as Chart.js does). */
function alignPixel(chart: Chart, pixel: number, width: number): number {
  const ratio = chart.currentDevicePixelRatio || 1;
  const half = width / 2;
  return Math.round((pixel - half) * ratio) / ratio + half;
}

/**
 * Draws the axes through the origin: a vertical line at x = 0 and a horizontal one at y = 0,
 * each only when 0 lies strictly inside its axis range (at the edge the frame already shows
 * it). Drawn over the grid and bands, under the datasets.
 */
export const zeroLinesPlugin: Plugin<ChartType, ZeroLinesPluginOptions> = {
  id: "actvizZeroLines",
  beforeDatasetsDraw(chart, _args, options) {
    const { ctx, chartArea: area, scales } = chart;
    const width = options.width ?? 1;
    ctx.save();
    ctx.strokeStyle = options.color;
    ctx.lineWidth = width;
    ctx.beginPath();
    const x = scales.x;
    if (x && x.min < 0 && x.max > 0) {
      const px = alignPixel(chart, x.getPixelForValue(0), width);
      ctx.moveTo(px, area.top);
      ctx.lineTo(px, area.bottom);
    }
    const y = scales.y;
    if (y && y.min < 0 && y.max > 0) {
      const py = alignPixel(chart, y.getPixelForValue(0), width);
      ctx.moveTo(area.left, py);
      ctx.lineTo(area.right, py);
    }
    ctx.stroke();
    ctx.restore();
  },
};
