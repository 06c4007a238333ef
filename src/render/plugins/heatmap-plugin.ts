import { createRequire } from "node:module";
import type { Chart, ChartType, Plugin } from "chart.js";
import type { Bitmap } from "../images/heatmap-image.js";

/** Resolves canvas from wherever this file lives; loaded at the first draw, not at import. */
const require = createRequire(import.meta.url);

interface ScratchContext {
  createImageData(width: number, height: number): { data: Uint8ClampedArray };
  putImageData(image: unknown, x: number, y: number): void;
}
interface ScratchCanvas {
  getContext(kind: "2d"): ScratchContext;
}

/** An image canvas holding `bitmap`, made with node-canvas (an image surface whatever the output type). */
function bitmapCanvas(bitmap: Bitmap): ScratchCanvas {
  const { createCanvas } = require("canvas") as { createCanvas(w: number, h: number): ScratchCanvas };
  const canvas = createCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(bitmap.width, bitmap.height);
  image.data.set(bitmap.data);
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** What the heatmap plugin draws, besides its bitmaps. */
export interface HeatmapPluginOptions {
  /** Id of the scale beside which the colour bar is drawn (its ticks label the bar). */
  colorbarScale: string;
  /** Colour bar width and its gap to the scale's left edge, CSS px. */
  barWidth: number;
  gap: number;
  /** Colour of the frame around image and bar and of the bar's tick marks. */
  frame: string;
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends ChartType> {
    actvizHeatmap?: HeatmapPluginOptions;
  }
}

/** Thin vertical lines over the image at x values `at` (axis units), e.g. between classes. */
export interface HeatmapSeparators {
  at: readonly number[];
  color: string;
}

/** A heatmap plugin object: it carries its two bitmaps and its separators (read them in tests). */
export interface HeatmapPlugin extends Plugin<ChartType, HeatmapPluginOptions> {
  readonly image: Bitmap;
  readonly colorbar: Bitmap;
  readonly separators?: HeatmapSeparators;
}

/** Draws `bitmap` stretched over the box (nearest neighbour, no smoothing). */
export function drawBitmap(chart: Chart, bitmap: Bitmap, left: number, top: number, width: number, height: number): void {
  const { ctx } = chart;
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(bitmapCanvas(bitmap) as unknown as Parameters<Chart["ctx"]["drawImage"]>[0], left, top, width, height);
  ctx.restore();
}

/**
 * A new plugin that draws `image` as one bitmap stretched over the chart area (nearest
 * neighbour, no smoothing) before the datasets, and `colorbar` as a bar beside the scale
 * options.colorbarScale, with tick marks at that scale's ticks; `separators`, 1 px lines across
 * the image, over it. The bitmaps are turned into
 * node-canvas image canvases only at draw time, so importing this module loads no canvas.
 */
export function heatmapPlugin(image: Bitmap, colorbar: Bitmap, separators?: HeatmapSeparators): HeatmapPlugin {
  return {
    id: "actvizHeatmap",
    image,
    colorbar,
    ...(separators ? { separators } : {}),
    beforeDatasetsDraw(chart, _args, options) {
      const a = chart.chartArea;
      if (image.width > 0 && image.height > 0) drawBitmap(chart, image, a.left, a.top, a.right - a.left, a.bottom - a.top);
      const { ctx } = chart;
      const x = chart.scales.x;
      if (separators && x && separators.at.length > 0) {
        ctx.save();
        ctx.strokeStyle = separators.color;
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (const v of separators.at) {
          const px = Math.round(x.getPixelForValue(v)) + 0.5;
          ctx.moveTo(px, a.top);
          ctx.lineTo(px, a.bottom);
        }
        ctx.stroke();
        ctx.restore();
      }
      ctx.save();
      ctx.strokeStyle = options.frame;
      ctx.lineWidth = 1;
      ctx.strokeRect(a.left, a.top, a.right - a.left, a.bottom - a.top);
      ctx.restore();
    },
    afterDraw(chart, _args, options) {
      drawColorbar(chart, colorbar, options);
    },
  };
}

/**
 * Draws the colour bar beside the scale options.colorbarScale (in the gap left of its tick
 * labels), framed, with a tick mark at each of that scale's ticks. Nothing without the scale.
 */
export function drawColorbar(chart: Chart, colorbar: Bitmap, options: HeatmapPluginOptions): void {
  const scale = chart.scales[options.colorbarScale];
  if (!scale) return;
  const left = scale.left + options.gap;
  const { top, bottom } = scale;
  drawBitmap(chart, colorbar, left, top, options.barWidth, bottom - top);
  const { ctx } = chart;
  ctx.save();
  ctx.strokeStyle = options.frame;
  ctx.lineWidth = 1;
  ctx.strokeRect(left, top, options.barWidth, bottom - top);
  ctx.beginPath();
  for (const tick of scale.ticks) {
    const y = Math.round(scale.getPixelForValue(tick.value)) + 0.5;
    ctx.moveTo(left + options.barWidth, y);
    ctx.lineTo(left + options.barWidth + 4, y);
  }
  ctx.stroke();
  ctx.restore();
}
