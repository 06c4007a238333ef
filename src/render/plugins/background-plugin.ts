import type { ChartType, Plugin } from "chart.js";

/** Options of {@link backgroundPlugin}, under `options.plugins.actvizBackground`. */
export interface BackgroundPluginOptions {
  /** CSS colour painted over the whole image; nothing is painted when absent. */
  color?: string;
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends ChartType> {
    actvizBackground?: BackgroundPluginOptions;
  }
}

/**
 * Paints the whole chart (not just the chart area) in one colour before anything else is
 * drawn. Used instead of chartjs-node-canvas's `backgroundColour`, which turns an SVG into a
 * single embedded PNG. In SVG and PDF it becomes one vector rectangle.
 */
export const backgroundPlugin: Plugin<ChartType, BackgroundPluginOptions> = {
  id: "actvizBackground",
  beforeDraw(chart, _args, options) {
    if (typeof options.color !== "string") return;
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = options.color;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};
