import type { ChartType, Plugin } from "chart.js";

/** A dot at a point of the data: filled (the value a function takes) or hollow (a limit it does not take). */
export interface Dot {
  x: number;
  y: number;
  open: boolean;
  /** CSS colour of the dot (its curve's). */
  color: string;
}

/** Radius of a dot and width of a hollow dot's ring, CSS px. */
export const DOT_RADIUS = 3.5;
const RING = 1.5;

/**
 * A new plugin that draws `dots` over the lines (after the datasets and the polyline plugin,
 * which is registered before it): at a jump of a curve, as textbooks draw it, a filled dot at
 * the value taken and a hollow one, filled with `background`, at the open end. Dots outside the
 * chart area are not drawn.
 */
export function dotsPlugin(dots: readonly Dot[], background: string): Plugin<ChartType> {
  return {
    id: "actvizDots",
    afterDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales } = chart;
      if (!scales.x || !scales.y || dots.length === 0) return;
      ctx.save();
      for (const d of dots) {
        const px = scales.x.getPixelForValue(d.x);
        const py = scales.y.getPixelForValue(d.y);
        if (!(px >= area.left - 0.5 && px <= area.right + 0.5 && py >= area.top - 0.5 && py <= area.bottom + 0.5)) continue;
        ctx.beginPath();
        ctx.arc(px, py, d.open ? DOT_RADIUS - RING / 2 : DOT_RADIUS, 0, 2 * Math.PI);
        if (d.open) {
          ctx.fillStyle = background;
          ctx.fill();
          ctx.lineWidth = RING;
          ctx.strokeStyle = d.color;
          ctx.stroke();
        } else {
          ctx.fillStyle = d.color;
          ctx.fill();
        }
      }
      ctx.restore();
    },
  };
}
