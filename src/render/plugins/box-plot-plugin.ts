import type { Chart, ChartType, Plugin } from "chart.js";
import { crossPaths } from "./crosses.js";
import type { BoxStats } from "../../core/quantiles.js";

/** One box: the numbers of a BoxStats, and whether the neuron is dead. */
export interface BoxMark extends BoxStats {
  dead: boolean;
}

/** Options of {@link boxPlotPlugin}, under `options.plugins.actvizBoxPlot`. */
export interface BoxPlotPluginOptions {
  /** Box i is drawn at category i of the x scale. */
  boxes: readonly BoxMark[];
  /** Box outline, whiskers and min/max marks of live neurons. */
  color: string;
  /** Translucent box fill of live neurons. */
  fill: string;
  /** Median line. */
  median: string;
  /** Box, whiskers and marks of dead neurons. */
  deadColor: string;
  /** The cross above each dead neuron. */
  deadMark: string;
  /** Box width as a share of the category width. */
  widthShare: number;
  /** Size of the dead cross and the min/max marks, in CSS px. */
  markSize: number;
  /**
   * Paired boxes: box i of `boxes` (a baseline) is drawn left of box i of the main set, each half
   * as wide, in `color` and `fill` of its own; the dead marks are the main set's.
   */
  paired?: { boxes: readonly BoxMark[]; color: string; fill: string };
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends ChartType> {
    actvizBoxPlot?: BoxPlotPluginOptions;
  }
}

/**
 * Draws one box plot per category of the x scale: a box q1..q3, a median line, whiskers to
 * whiskerLow/whiskerHigh with caps, and small circles at min and max when they lie beyond the
 * whiskers. Dead neurons are drawn in the dead colour with a cross at the top of the chart
 * area. Boxes whose numbers are not finite (no finite value) are skipped.
 */
export const boxPlotPlugin: Plugin<ChartType, BoxPlotPluginOptions> = {
  id: "actvizBoxPlot",
  afterDatasetsDraw(chart, _args, options) {
    const { x, y } = chart.scales;
    const boxes = options.boxes ?? [];
    if (!x || !y || boxes.length === 0) return;
    const { ctx, chartArea: area } = chart;
    const step = boxes.length > 1 ? Math.abs(x.getPixelForValue(1) - x.getPixelForValue(0)) : area.right - area.left;
    const half = Math.max(0.5, (step * options.widthShare) / 2);
    const r = options.markSize / 2;
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    ctx.lineWidth = 1;
    const paired = options.paired;
    // with a paired set: each box half as wide, the baseline on the left, the main set on the right
    const w = paired ? half / 2 : half;
    const shift = paired ? half / 2 + Math.min(1, half / 8) : 0;
    const draw = (set: readonly BoxMark[], dx: number, color: string, fill: string) =>
      set.forEach((b, i) => drawBox(ctx, b, x.getPixelForValue(i) + dx, w, (v) => y.getPixelForValue(v), b.dead ? options.deadColor : color, b.dead ? options.deadColor : fill, b.dead ? options.deadColor : options.median, r));
    if (paired) draw(paired.boxes, -shift, paired.color, paired.fill);
    draw(boxes, shift, options.color, options.fill);
    ctx.strokeStyle = options.deadMark;
    ctx.lineWidth = Math.max(1.5, options.markSize / 4);
    ctx.beginPath();
    const markY = area.top + options.markSize;
    const arm = Math.min(options.markSize / 2, Math.max(1.5, half + 1));
    crossPaths(ctx, boxes.flatMap((b, i) => (b.dead ? [x.getPixelForValue(i)] : [])), markY, arm);
    ctx.stroke();
    ctx.restore();
  },
};

/** One box plot centred at cx, half-width half: box, whiskers with caps, min/max circles beyond them, median. */
function drawBox(ctx: Chart["ctx"], b: BoxStats, cx: number, half: number, py: (v: number) => number, stroke: string, fill: string, median: string, r: number): void {
  if (![b.q1, b.median, b.q3, b.whiskerLow, b.whiskerHigh].every(Number.isFinite)) return;
  const top = py(b.q3);
  const bottom = py(b.q1);
  ctx.lineWidth = 1;
  ctx.fillStyle = fill;
  ctx.fillRect(cx - half, top, 2 * half, Math.max(1, bottom - top));
  ctx.strokeStyle = stroke;
  ctx.beginPath();
  if (half >= 1.5) ctx.rect(cx - half, top, 2 * half, bottom - top);
  const cap = half / 2;
  ctx.moveTo(cx, top);
  ctx.lineTo(cx, py(b.whiskerHigh));
  ctx.moveTo(cx - cap, py(b.whiskerHigh));
  ctx.lineTo(cx + cap, py(b.whiskerHigh));
  ctx.moveTo(cx, bottom);
  ctx.lineTo(cx, py(b.whiskerLow));
  ctx.moveTo(cx - cap, py(b.whiskerLow));
  ctx.lineTo(cx + cap, py(b.whiskerLow));
  ctx.stroke();
  ctx.beginPath();
  if (b.max > b.whiskerHigh) circle(ctx, cx, py(b.max), Math.min(r, half + 1));
  if (b.min < b.whiskerLow) circle(ctx, cx, py(b.min), Math.min(r, half + 1));
  ctx.stroke();
  ctx.strokeStyle = median;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(cx - half, py(b.median));
  ctx.lineTo(cx + half, py(b.median));
  ctx.stroke();
  ctx.lineWidth = 1;
}

function circle(ctx: Chart["ctx"], cx: number, cy: number, r: number): void {
  ctx.moveTo(cx + r, cy);
  ctx.arc(cx, cy, r, 0, 2 * Math.PI);
}
