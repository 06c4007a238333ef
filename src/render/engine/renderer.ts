import { createRequire } from "node:module";
import type { ChartConfiguration, ChartType } from "chart.js";
import { UsageError } from "../../errors.js";
import { activeFontFamily, useBundledFont } from "./fonts.js";
import { withinBudget } from "./chart-budget.js";
import { registerOwnTicksScale } from "../charts/linear-axis-ticks.js";
import { panelCanvas } from "./panel-context.js";
import type { PanelBox } from "./panel-context.js";
import { normalizeSvg } from "./svg-normalize.js";
import { createChartEngine, type ChartEngine, type ChartLike, type ChartStatic, type NodeCanvasLike } from "./chartjs-node-canvas-adapter.js";

export type ImageFormat = "png" | "svg" | "pdf";

/** What to render: format and size in CSS pixels; `scale` is the device pixel ratio (PNG only). */
export interface RenderTarget {
  format: ImageFormat;
  width: number;
  height: number;
  scale: number;
  /** zlib level 0-9 for PNG; default DEFAULT_PNG_LEVEL. */
  compressionLevel?: number;
}

/** Loads canvas lazily for renderComposite (renderChart gets its canvas from chartjs-node-canvas). */
const require = createRequire(import.meta.url);

/** Cairo's largest surface side. */
const MAX_PIXELS = 32767;
/** PDF metadata fixed so the same chart gives the same bytes on every run. */
const PDF_METADATA = { creator: "actviz", creationDate: new Date(0), modDate: new Date(0) };

interface PoolEntry {
  engine: ChartEngine;
  chartJs: ChartStatic;
  /** PNG canvases whose chart is destroyed and whose bytes are encoded: the next charts draw on them. */
  spare: NodeCanvasLike[];
  /** PNG charts whose bytes are encoded: the next charts of the same type are drawn by updating them. */
  idle: ChartLike[];
}

/** The Chart.js classes that know OWN_TICKS_SCALE (one today: chart-js.ts's, shared by every engine). */
const ownTicksRegistered = new WeakSet<object>();

/** One engine per (format, width, height, scale): a new one per chart leaks and is slow. */
const pool = new Map<string, PoolEntry>();
const POOL_SIZE = 6;
/** Idle PNG charts, and spare canvases, kept per engine: one per render in flight is enough. */
const KEEP_PER_ENGINE = 4;

/**
 * Renders a chart to PNG, SVG or PDF bytes in memory. `makeConfig` must build a new config
 * on each call (Chart.js mutates it). Chart.js and canvas are loaded on the first call. The
 * output is deterministic: SVG ids and sizes normalised, PDF dates fixed. After each render
 * the event loop turns once so native canvas memory is freed between charts.
 * Throws UsageError (E_SIZE, E_FORMAT) for a target that cannot be rendered, and
 * ChartTimeoutError when drawing takes longer than the per-chart budget (see withinBudget).
 */
export async function renderChart(makeConfig: () => ChartConfiguration<ChartType, unknown[], unknown>, target: RenderTarget): Promise<Buffer> {
  const { format, width, height } = checkTarget(target);
  const scale = format === "png" ? target.scale : 1;
  const entry = await engineFor(format, width, height, scale);
  const { engine, chartJs } = entry;
  chartJs.defaults.font.family = activeFontFamily();
  chartJs.defaults.locale = "en-US";
  // the synchronous part (config, layout, drawing) runs under the per-chart watchdog
  const chart = withinBudget(() => {
    const config = makeConfig();
    // what chartjs-node-canvas sets on a config, set here too for a chart drawn by update()
    const full = { ...config, options: { locale: "en-US", ...config.options, devicePixelRatio: scale, responsive: false, animation: false as const } };
    return (format === "png" ? redraw(entry, full) : undefined) ?? engine.draw(full);
  });
  let bytes: Buffer;
  const canvas = chart.canvas;
  try {
    if (!canvas) throw new Error("Chart.js returned a chart without a canvas");
    // PNG is encoded on libuv's thread pool: a caller with several renders in flight draws the
    // next chart (each has its own canvas) while this one is compressed, using both cores
    bytes = format === "png" ? await encodePngAsync(canvas, target) : encodeCanvas(canvas, format, target);
  } catch (err) {
    chart.destroy();
    throw err;
  }
  if (format === "png" && entry.idle.length < KEEP_PER_ENGINE) entry.idle.push(chart);
  else if (format === "png") retire(entry, chart);
  else chart.destroy();
  await new Promise<void>((resolve) => setImmediate(resolve));
  return bytes;
}

/**
 * libpng's "up" filter alone: for charts (rows mostly equal to the row above) it compresses
 * within 1-9 % of trying all five filters per row (libpng's default) in half the time.
 * Canvas.PNG_FILTER_UP; a literal so this module loads no canvas.
 */
const PNG_FILTER_UP = 0x20;

/**
 * zlib level 4 with the up filter: on 24 chart PNGs of each kind, 20 % faster than level 6 for
 * 0-1.5 % more bytes; levels 1-3 are faster still but 15-25 % bigger.
 */
export const DEFAULT_PNG_LEVEL = 4;

function pngOptions(target: RenderTarget): { compressionLevel: number; filters: number } {
  return { compressionLevel: target.compressionLevel ?? DEFAULT_PNG_LEVEL, filters: PNG_FILTER_UP };
}

/**
 * Draws `config` with an idle chart of the engine by replacing its data, options and inline
 * plugins and calling update("none"), or returns undefined when there is none of that type.
 * Chart.js then skips building a chart (controllers, scales, plugin set-up: ~4 ms a chart) and
 * the bytes are the same as a new chart's (tested). A chart that fails to update is destroyed.
 */
function redraw(entry: PoolEntry, config: ChartConfiguration<ChartType, unknown[], unknown>): ChartLike | undefined {
  for (;;) {
    const chart = entry.idle.pop();
    if (!chart) return undefined;
    const plugins = chart.config.plugins;
    if (chart.config.type !== config.type || !Array.isArray(plugins)) {
      retire(entry, chart);
      continue;
    }
    try {
      chart.data = config.data;
      chart.options = config.options;
      plugins.splice(0, plugins.length, ...(config.plugins ?? []));
      chart.update("none");
      return chart;
    } catch (err) {
      chart.destroy();
      throw err;
    }
  }
}

/** Destroys a PNG chart and keeps its canvas for the engine's next new chart. */
function retire(entry: PoolEntry, chart: ChartLike): void {
  const canvas = chart.canvas;
  chart.destroy();
  if (canvas && entry.spare.length < KEEP_PER_ENGINE) entry.spare.push(canvas);
}

function encodePngAsync(canvas: NodeCanvasLike, target: RenderTarget): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    canvas.toBuffer((err, buffer) => (err ? reject(err) : resolve(buffer)), "image/png", pngOptions(target));
  });
}

function encodeCanvas(canvas: NodeCanvasLike, format: ImageFormat, target: RenderTarget): Buffer {
  if (format === "png") return canvas.toBuffer("image/png", pngOptions(target));
  if (format === "pdf") return canvas.toBuffer("application/pdf", PDF_METADATA);
  return Buffer.from(normalizeSvg(canvas.toBuffer("image/svg+xml").toString("utf8")), "utf8");
}

/** What {@link renderComposite} hands its painter: the whole image's context, and a way to draw charts into parts of it. */
export interface CompositeSurface {
  /** The 2D context of the whole image, in CSS pixels (the device pixel ratio already applied). */
  ctx: unknown;
  /** Draws a chart (built by `makeConfig`, fresh) into `box`, in CSS pixels. */
  drawChart(makeConfig: () => ChartConfiguration<ChartType, unknown[], unknown>, box: PanelBox): void;
}

/**
 * Renders several charts onto ONE canvas of the target's format and size: `paint` receives
 * the canvas context and draws charts into boxes of it, each by Chart.js on a stand-in canvas
 * whose context is shifted into its box (see panelCanvas), so SVG and PDF stay vector. Output
 * is encoded as by renderChart (deterministic PNG/SVG/PDF). Throws UsageError for a bad target.
 */
export async function renderComposite(target: RenderTarget, paint: (surface: CompositeSurface) => void): Promise<Buffer> {
  const { format, width, height } = checkTarget(target);
  const scale = format === "png" ? target.scale : 1;
  const { chartJs } = await engineFor(format, width, height, scale);
  chartJs.defaults.font.family = activeFontFamily();
  chartJs.defaults.locale = "en-US";
  const { createCanvas } = require("canvas") as { createCanvas(w: number, h: number, type?: string): NodeCanvasLike & { getContext(kind: "2d"): { setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void } } };
  const canvas = format === "png" ? createCanvas(Math.floor(width * scale), Math.floor(height * scale)) : createCanvas(width, height, format);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  withinBudget(() => paint({
    ctx,
    drawChart(makeConfig, box) {
      const config = makeConfig();
      const chart = new chartJs(panelCanvas(ctx, box, scale), {
        ...config,
        options: { locale: "en-US", ...config.options, responsive: false, animation: false, devicePixelRatio: scale },
      });
      chart.destroy();
      ctx.setTransform(scale, 0, 0, scale, 0, 0);
    },
  }));
  const bytes = encodeCanvas(canvas, format, target);
  await new Promise<void>((resolve) => setImmediate(resolve));
  return bytes;
}

function checkTarget(t: RenderTarget): RenderTarget {
  if (t.format !== "png" && t.format !== "svg" && t.format !== "pdf") {
    throw new UsageError(`image format '${String(t.format)}' is not supported (expected png, svg or pdf)`, "E_FORMAT");
  }
  for (const [name, v] of [["width", t.width], ["height", t.height]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_PIXELS) throw new UsageError(`${name} ${v} is not a usable size (expected an integer from 1 to ${MAX_PIXELS} pixels)`, "E_SIZE");
  }
  if (!(t.scale > 0) || !Number.isFinite(t.scale)) throw new UsageError(`scale ${t.scale} is not usable (expected a number > 0)`, "E_SIZE");
  if (t.format === "png" && Math.floor(Math.max(t.width, t.height) * t.scale) > MAX_PIXELS) {
    throw new UsageError(`${t.width}x${t.height} at scale ${t.scale} is ${Math.floor(t.width * t.scale)}x${Math.floor(t.height * t.scale)} pixels (expected at most ${MAX_PIXELS} per side)`, "E_SIZE");
  }
  const level = t.compressionLevel;
  if (level !== undefined && !(Number.isInteger(level) && level >= 0 && level <= 9)) {
    throw new UsageError(`PNG compression level ${level} is not usable (expected an integer from 0 to 9)`, "E_SIZE");
  }
  return t;
}

async function engineFor(format: ImageFormat, width: number, height: number, scale: number): Promise<PoolEntry> {
  const key = `${format} ${width}x${height} @${scale}`;
  const cached = pool.get(key);
  if (cached) {
    pool.delete(key); // re-insert: the Map order is least recently used first
    pool.set(key, cached);
    return cached;
  }
  useBundledFont(); // fonts must be known before the first canvas exists
  const spare: NodeCanvasLike[] = [];
  // A fresh cairo surface costs ~6 ms in Chart.js's first resize; a used one of the same size
  // ~0.3 ms, and every chart paints its whole background, so PNG charts reuse spare canvases.
  // Chart.js takes a chart's CSS size from its canvas's size, which it then multiplied by the
  // pixel ratio: a spare canvas goes back to the CSS size first (a no-op at scale 1).
  const reuse = () => {
    const canvas = spare.pop();
    if (canvas && canvas.width !== width) canvas.width = width;
    if (canvas && canvas.height !== height) canvas.height = height;
    return canvas;
  };
  const engine = await createChartEngine(format, width, height, format === "png" ? reuse : undefined);
  const { chartJs } = engine;
  if (!ownTicksRegistered.has(chartJs)) {
    registerOwnTicksScale(chartJs);
    ownTicksRegistered.add(chartJs);
  }
  const entry: PoolEntry = { engine, chartJs, spare, idle: [] };
  pool.set(key, entry);
  if (pool.size > POOL_SIZE) pool.delete(pool.keys().next().value!);
  return entry;
}
