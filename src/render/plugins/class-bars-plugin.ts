import type { ChartType, Plugin } from "chart.js";

/** Options of {@link classBarsPlugin}, under `options.plugins.actvizClassBars`. */
export interface ClassBarsPluginOptions {
  /** Bar i (category i of the x scale) rises from 0 to means[i]; NaN draws nothing. */
  means: readonly number[];
  /** Whiskers from mean - std to mean + std; NaN or 0 draws none. */
  stds: readonly number[];
  /** The highlighted bar (the preferred class), -1 for none. */
  highlight: number;
  color: string;
  highlightColor: string;
  whisker: string;
  /** Bar width as a share of the category width. */
  widthShare: number;
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends ChartType> {
    actvizClassBars?: ClassBarsPluginOptions;
  }
}

/**
 * Draws one bar per category of the x scale, from 0 (or the axis's edge) to the class mean,
 * with ±1 standard deviation whiskers and caps, clipped to the chart area; the highlighted bar
 * in its own colour. Vectors in SVG and PDF.
 */
export const classBarsPlugin: Plugin<ChartType, ClassBarsPluginOptions> = {
  id: "actvizClassBars",
  beforeDatasetsDraw(chart, _args, options) {
    const { x, y } = chart.scales;
    const means = options.means ?? [];
    if (!x || !y || means.length === 0) return;
    const { ctx, chartArea: area } = chart;
    const step = means.length > 1 ? Math.abs(x.getPixelForValue(1) - x.getPixelForValue(0)) : area.right - area.left;
    const half = Math.max(0.5, (step * options.widthShare) / 2);
    const base = y.getPixelForValue(Math.min(Math.max(0, y.min), y.max));
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    means.forEach((m, i) => {
      if (!Number.isFinite(m)) return;
      const cx = x.getPixelForValue(i);
      const top = y.getPixelForValue(m);
      ctx.fillStyle = i === options.highlight ? options.highlightColor : options.color;
      ctx.fillRect(cx - half, Math.min(top, base), 2 * half, Math.max(1, Math.abs(base - top)));
    });
    ctx.strokeStyle = options.whisker;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    means.forEach((m, i) => {
      const s = options.stds[i]!;
      if (!Number.isFinite(m) || !(s > 0)) return;
      const cx = x.getPixelForValue(i);
      const lo = y.getPixelForValue(m - s);
      const hi = y.getPixelForValue(m + s);
      const cap = Math.max(2, half / 3);
      ctx.moveTo(cx, lo);
      ctx.lineTo(cx, hi);
      ctx.moveTo(cx - cap, lo);
      ctx.lineTo(cx + cap, lo);
      ctx.moveTo(cx - cap, hi);
      ctx.lineTo(cx + cap, hi);
    });
    ctx.stroke();
    ctx.restore();
  },
};
