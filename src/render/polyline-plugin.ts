import { createRequire } from "node:module";
import type { Chart, ChartType, Plugin } from "chart.js";
import { strokeArea } from "./stroke-coverage.js";
import type { PixelRect } from "./stroke-coverage.js";

/** Resolves canvas from wherever this file lives; loaded at the first raster draw, not at import. */
const require = createRequire(import.meta.url);

/** One polyline in data units: x and y of equal length; a non-finite y leaves a gap. */
export interface Polyline {
  x: Float64Array;
  y: Float64Array;
  /** CSS colour: #rgb or #rrggbb (other forms are drawn as vector strokes). */
  color: string;
  /** Line width in CSS pixels. */
  width: number;
}

/** A polyline plugin object: it carries its line (read it in tests). */
export interface PolylinePlugin extends Plugin<ChartType> {
  readonly line: Polyline;
}

interface Transform {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}
interface ScratchCanvas {
  getContext(kind: "2d"): {
    createImageData(width: number, height: number): { data: Uint8ClampedArray };
    putImageData(image: unknown, x: number, y: number): void;
  };
}
type DrawableImage = Parameters<Chart["ctx"]["drawImage"]>[0];

/** Pixels are written as 32-bit RGBA words, which assumes the usual byte order (else: vector). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** [r, g, b] of a #rgb or #rrggbb colour, or undefined. */
export function parseHexColor(color: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return undefined;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join("") : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/**
 * A new plugin that draws `line` over the chart area, clipped to it (widened by half the line
 * width, as Chart.js clips a dataset), after the datasets. The scales must have their limits
 * set by the config: the line is not a dataset, so Chart.js neither parses its points into
 * elements nor fits the axes to it. On an image canvas (PNG) the stroke is rasterised by
 * {@link strokeArea} into one bitmap: a dense activation line costs about a tenth of a
 * cairo stroke with round joins and looks the same. On SVG and PDF it stays a vector path.
 */
export function polylinePlugin(line: Polyline): PolylinePlugin {
  return {
    id: "actvizPolyline",
    line,
    afterDatasetsDraw(chart) {
      const xScale = chart.scales.x;
      const yScale = chart.scales.y;
      if (!xScale || !yScale || line.x.length < 2) return;
      const px = new Float64Array(line.x.length);
      const py = new Float64Array(line.y.length);
      for (let i = 0; i < px.length; i++) {
        const y = line.y[i]!;
        px[i] = xScale.getPixelForValue(line.x[i]!);
        py[i] = Number.isFinite(y) ? yScale.getPixelForValue(y) : NaN;
      }
      const rgb = parseHexColor(line.color);
      const transform = (chart.ctx as unknown as { getTransform?(): Transform }).getTransform?.();
      const raster = LITTLE_ENDIAN && rgb && transform && transform.a > 0 && transform.d > 0 && transform.b === 0 && transform.c === 0 && (chart.canvas as unknown as { type?: string }).type === "image";
      if (raster) drawRaster(chart, px, py, line.width, rgb, transform);
      else drawVector(chart, px, py, line);
    },
  };
}

function clipArea(chart: Chart, width: number): { left: number; top: number; right: number; bottom: number } {
  const a = chart.chartArea;
  const half = width / 2;
  return { left: a.left - half, top: a.top - half, right: a.right + half, bottom: a.bottom + half };
}

function drawVector(chart: Chart, px: Float64Array, py: Float64Array, line: Polyline): void {
  const { ctx } = chart;
  const clip = clipArea(chart, line.width);
  ctx.save();
  ctx.beginPath();
  ctx.rect(clip.left, clip.top, clip.right - clip.left, clip.bottom - clip.top);
  ctx.clip();
  ctx.strokeStyle = line.color;
  ctx.lineWidth = line.width;
  ctx.lineJoin = "round";
  ctx.lineCap = "butt";
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < px.length; i++) {
    if (!Number.isFinite(py[i]!)) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(px[i]!, py[i]!);
    else ctx.moveTo(px[i]!, py[i]!);
    pen = true;
  }
  ctx.stroke();
  ctx.restore();
}

interface Scratch {
  canvas: ScratchCanvas;
  ctx: ReturnType<ScratchCanvas["getContext"]>;
  image: { data: Uint8ClampedArray };
  /** The image's pixels as 32-bit words. */
  words: Uint32Array;
  /** strokeArea's buffer. */
  area: Float32Array;
}
/** The last scratch canvas and its image data: charts of one size reuse them (draws never overlap). */
let scratch: Scratch | undefined;
let scratchSize = "";

function scratchFor(width: number, height: number): Scratch {
  const size = `${width}x${height}`;
  if (!scratch || scratchSize !== size) {
    const { createCanvas } = require("canvas") as { createCanvas(w: number, h: number): ScratchCanvas };
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext("2d");
    const image = ctx.createImageData(width, height);
    const words = new Uint32Array(image.data.buffer, image.data.byteOffset, width * height);
    scratch = { canvas, ctx, image, words, area: new Float32Array(width * height) };
    scratchSize = size;
  }
  return scratch;
}

function drawRaster(chart: Chart, px: Float64Array, py: Float64Array, width: number, rgb: [number, number, number], t: Transform): void {
  for (let i = 0; i < px.length; i++) {
    px[i] = t.a * px[i]! + t.e;
    py[i] = t.d * py[i]! + t.f;
  }
  const clip = clipArea(chart, width);
  const xa = t.a * clip.left + t.e;
  const xb = t.a * clip.right + t.e;
  const ya = t.d * clip.top + t.f;
  const yb = t.d * clip.bottom + t.f;
  const rect: PixelRect = { left: Math.floor(Math.min(xa, xb)), top: Math.floor(Math.min(ya, yb)), right: Math.ceil(Math.max(xa, xb)), bottom: Math.ceil(Math.max(ya, yb)) };
  const w = rect.right - rect.left;
  const h = rect.bottom - rect.top;
  if (w <= 0 || h <= 0) return;
  const { canvas: scratchCanvas, ctx: sctx, image, area: areaBuffer, words } = scratchFor(w, h);
  const area = strokeArea(px, py, width * Math.sqrt(Math.abs(t.a * t.d)), rect, areaBuffer);
  // one 32-bit RGBA word per pixel (little-endian: r in the low byte), alpha from the area
  const [r, g, b] = rgb;
  const color = r | (g << 8) | (b << 16);
  for (let i = 0; i < w; i++) {
    for (let j = 0, at = i * h, o = i; j < h; j++, at++, o += w) {
      const a = area[at]!;
      words[o] = a <= 0 ? 0 : (color | ((a >= 1 ? 255 : Math.round(a * 255)) << 24)) >>> 0;
    }
  }
  sctx.putImageData(image, 0, 0);
  const { ctx } = chart;
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  // back from device pixels to the current user space, so the bitmap lands on whole pixels
  ctx.drawImage(scratchCanvas as unknown as DrawableImage, (rect.left - t.e) / t.a, (rect.top - t.f) / t.d, w / t.a, h / t.d);
  ctx.restore();
}
