import { createRequire } from "node:module";
import type { Chart, ChartType, Plugin } from "chart.js";
import { dashPolyline } from "./dash.js";
import { reduceToPixelColumns } from "./line-reduce.js";
import { StrokeBuffer, strokeArea } from "./stroke-coverage.js";
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
  /** Dash pattern [drawn, skipped, ...] in CSS pixels, as a canvas's setLineDash with butt caps; absent or empty: solid. */
  dash?: readonly number[];
}

/**
 * The points of a series to draw as a line: those with a finite x, in order, with every
 * non-finite y as NaN (a gap instead of a line to infinity). New arrays; the inputs are kept.
 */
export function finiteLine(x: Float64Array, y: Float64Array): { x: Float64Array; y: Float64Array } {
  let kept = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) kept++;
  const outX = new Float64Array(kept);
  const outY = new Float64Array(kept);
  for (let i = 0, k = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) continue;
    outX[k] = x[i]!;
    outY[k++] = Number.isFinite(y[i]!) ? y[i]! : NaN;
  }
  return { x: outX, y: outY };
}

/** A polyline plugin object: it carries its lines (read them in tests). */
export interface PolylinePlugin extends Plugin<ChartType> {
  readonly lines: readonly Polyline[];
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
    putImageData(image: unknown, x: number, y: number, dirtyX: number, dirtyY: number, dirtyWidth: number, dirtyHeight: number): void;
  };
}
type DrawableImage = Parameters<Chart["ctx"]["drawImage"]>[0];

/** Pixels are written as 32-bit RGBA words, which assumes the usual byte order (else: vector). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * A line longer than this many times the chart area's width + height is dense (a noisy
 * activation zigzags over the whole area): cairo's stroke of it costs ~15 us a point, so it is
 * rasterised. A smooth curve (about 1-2 times) is stroked by cairo in ~1 ms, faster than a
 * bitmap of the whole area can be composited.
 */
const DENSE = 6;

/** Length of a polyline, skipping breaks. */
function pathLength(px: Float64Array, py: Float64Array): number {
  let total = 0;
  for (let i = 1; i < px.length; i++) {
    const d = Math.hypot(px[i]! - px[i - 1]!, py[i]! - py[i - 1]!);
    if (Number.isFinite(d)) total += d;
  }
  return total;
}

/** [r, g, b] of a #rgb or #rrggbb colour, or undefined. */
export function parseHexColor(color: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return undefined;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join("") : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/**
 * A new plugin that draws `lines`, in order, over the chart area, clipped to it (widened by
 * half the line width, as Chart.js clips a dataset), after the datasets. The scales must have
 * their limits set by the config: the lines are not datasets, so Chart.js neither parses
 * their points into elements nor fits the axes to them. Each line is first reduced to at most
 * 4 points per pixel column (reduceToPixelColumns: the same pixels). A dense line (see DENSE)
 * on an image canvas (PNG) is rasterised by {@link strokeArea} into one bitmap: a noisy
 * activation line costs about a tenth of a cairo stroke with round joins and looks the same
 * (dashes get round ends, shortened so that each still covers its length). Other lines, and
 * every line in SVG and PDF, are stroked as a path, as Chart.js would.
 */
export function polylinePlugin(lines: readonly Polyline[]): PolylinePlugin {
  return {
    id: "actvizPolyline",
    lines,
    afterDatasetsDraw(chart) {
      const xScale = chart.scales.x;
      const yScale = chart.scales.y;
      if (!xScale || !yScale) return;
      const transform = (chart.ctx as unknown as { getTransform?(): Transform }).getTransform?.();
      const image = (chart.canvas as unknown as { type?: string }).type === "image";
      for (const line of lines) {
        if (line.x.length < 2) continue;
        const px = new Float64Array(line.x.length);
        const py = new Float64Array(line.y.length);
        for (let i = 0; i < px.length; i++) {
          const y = line.y[i]!;
          px[i] = xScale.getPixelForValue(line.x[i]!);
          py[i] = Number.isFinite(y) ? yScale.getPixelForValue(y) : NaN;
        }
        const rgb = parseHexColor(line.color);
        const area = chart.chartArea;
        const dense = pathLength(px, py) > DENSE * (area.right - area.left + area.bottom - area.top);
        if (dense && LITTLE_ENDIAN && rgb && image && transform && transform.a > 0 && transform.d > 0 && transform.b === 0 && transform.c === 0) drawRaster(chart, px, py, line, rgb, transform);
        else drawVector(chart, px, py, line);
      }
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
  ctx.setLineDash(line.dash ? [...line.dash] : []);
  ctx.beginPath();
  const reduced = reduceToPixelColumns(px, py);
  let pen = false;
  for (let i = 0; i < reduced.x.length; i++) {
    const [x, y] = [reduced.x[i]!, reduced.y[i]!];
    if (!Number.isFinite(y)) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    pen = true;
  }
  ctx.stroke();
  ctx.restore();
}

interface Scratch {
  canvas: ScratchCanvas;
  ctx: ReturnType<ScratchCanvas["getContext"]>;
  image: { data: Uint8ClampedArray };
  /** The image's pixels as 32-bit words; rows of `stride` words. */
  words: Uint32Array;
  stride: number;
  rows: number;
}
/** The scratch canvas, grown to the largest rect drawn so far (charts of one run mostly share a size). */
let scratch: Scratch | undefined;
const strokeBuffer = new StrokeBuffer();

function scratchFor(width: number, height: number): Scratch {
  if (!scratch || scratch.stride < width || scratch.rows < height) {
    const stride = Math.max(width, scratch?.stride ?? 0);
    const rows = Math.max(height, scratch?.rows ?? 0);
    const { createCanvas } = require("canvas") as { createCanvas(w: number, h: number): ScratchCanvas };
    const canvas = createCanvas(stride, rows);
    const ctx = canvas.getContext("2d");
    const image = ctx.createImageData(stride, rows);
    const words = new Uint32Array(image.data.buffer, image.data.byteOffset, stride * rows);
    scratch = { canvas, ctx, image, words, stride, rows };
  }
  return scratch;
}

function drawRaster(chart: Chart, cssX: Float64Array, cssY: Float64Array, line: Polyline, rgb: [number, number, number], t: Transform): void {
  for (let i = 0; i < cssX.length; i++) {
    cssX[i] = t.a * cssX[i]! + t.e;
    cssY[i] = t.d * cssY[i]! + t.f;
  }
  const ratio = Math.sqrt(t.a * t.d);
  const width = line.width * ratio;
  let { x: px, y: py } = reduceToPixelColumns(cssX, cssY);
  if (line.dash && line.dash.length > 0) {
    // round ends reach width/2 beyond each dash: shorten dashes and widen the gap after each by that much
    const steps = line.dash.length % 2 === 1 ? [...line.dash, ...line.dash] : line.dash;
    const pattern = steps.map((v, i) => (i % 2 === 0 ? Math.max(v * ratio - width, 1e-6) : v * ratio + Math.min(width, steps[i - 1]! * ratio)));
    ({ x: px, y: py } = dashPolyline(px, py, pattern));
  }
  const clip = clipArea(chart, line.width);
  const xa = t.a * clip.left + t.e;
  const xb = t.a * clip.right + t.e;
  const ya = t.d * clip.top + t.f;
  const yb = t.d * clip.bottom + t.f;
  const rect: PixelRect = { left: Math.floor(Math.min(xa, xb)), top: Math.floor(Math.min(ya, yb)), right: Math.ceil(Math.max(xa, xb)), bottom: Math.ceil(Math.max(ya, yb)) };
  const w = rect.right - rect.left;
  const h = rect.bottom - rect.top;
  if (w <= 0 || h <= 0) return;
  const { canvas: scratchCanvas, ctx: sctx, image, words, stride } = scratchFor(w, h);
  const { area, top, bottom } = strokeArea(px, py, width, rect, strokeBuffer);
  // one 32-bit RGBA word per pixel (little-endian: r in the low byte), alpha from the area;
  // only the rows each column's stroke touched are written
  const [r, g, b] = rgb;
  const color = r | (g << 8) | (b << 16);
  words.fill(0);
  for (let i = 0; i < w; i++) {
    for (let j = top[i]!, at = i * h + j, o = j * stride + i; j <= bottom[i]!; j++, at++, o += stride) {
      const a = area[at]!;
      if (a > 0) words[o] = (color | ((a >= 1 ? 255 : Math.round(a * 255)) << 24)) >>> 0;
    }
  }
  sctx.putImageData(image, 0, 0, 0, 0, w, h);
  const { ctx } = chart;
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  // back from device pixels to the current user space, so the bitmap lands on whole pixels
  ctx.drawImage(scratchCanvas as unknown as DrawableImage, 0, 0, w, h, (rect.left - t.e) / t.a, (rect.top - t.f) / t.d, w / t.a, h / t.d);
  ctx.restore();
}
