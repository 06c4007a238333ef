import { createRequire } from "node:module";
import type { ChartConfiguration, ChartType } from "chart.js";

// The one place that reaches past chartjs-node-canvas's public API, written against 5.0.0 (a
// contract test, test/render/chartjs-node-canvas-adapter.test.ts, fails on any other version
// until this file is checked again). Its public renderToBuffer* methods draw a new chart on a new
// canvas, encode it without options and destroy it; we need the chart itself, for two measured
// gains: an idle PNG chart redrawn by update() skips building a chart (~4 ms a chart), and a used
// canvas skips a new cairo surface (~6 ms). So we call its renderChart (private in the .d.ts,
// plain in the JS) and replace its _createCanvas, and encode the canvas ourselves (PNG zlib level
// and filter, fixed PDF dates). Its constructor requires chart.js/auto (all of Chart.js, as
// CommonJS, ~30 ms to compile) afresh per instance, in its protected initialize(), and has no
// option to take a Chart.js instead; we override initialize() to hand it ours (chart-js.ts: only
// what our charts use, bundled with our code), shared by every instance. Its public options
// serve the rest (width, height, type).

/** The slice of a node-canvas Canvas that rendering uses. */
export interface NodeCanvasLike {
  width: number;
  height: number;
  toBuffer(mime: string, options?: object): Buffer;
  toBuffer(callback: (err: Error | null, buffer: Buffer) => void, mime: string, options?: object): void;
}

/** The slice of a Chart.js chart that rendering uses. */
export interface ChartLike {
  canvas: NodeCanvasLike | null;
  destroy(): void;
  config: { type: string; plugins?: unknown[] };
  data: unknown;
  options: unknown;
  update(mode: "none"): void;
}

/** The slice of the Chart.js class (the one chartjs-node-canvas loaded) that rendering uses. */
export interface ChartStatic {
  defaults: { font: { family?: string }; locale: string };
  registry: { getScale(id: string): unknown };
  register(...items: unknown[]): void;
  new (item: unknown, config: unknown): ChartLike;
}

/** One chartjs-node-canvas instance, for one format and size. */
export interface ChartEngine {
  /** The Chart.js it draws with: ours (chart-js.ts), the same for every instance. */
  chartJs: ChartStatic;
  /** Draws a new chart on a canvas from `canvasSource` (or a new one); the caller destroys it. */
  draw(config: ChartConfiguration<ChartType, unknown[], unknown>): ChartLike;
}

/** chartjs-node-canvas 5.0.0's instance, as its JS has it. */
interface Private {
  renderChart(config: ChartConfiguration<ChartType, unknown[], unknown>): ChartLike;
  _createCanvas(width: number, height: number, type?: string): NodeCanvasLike;
}

/**
 * chartjs-node-canvas is CommonJS: required, not imported, so the bundled CLI (CommonJS too)
 * draws a chart without starting node's ES module loader.
 */
const require = createRequire(import.meta.url);

/** The version this file was written against. */
export const ADAPTED_VERSION = "5.0.0";

/**
 * A chartjs-node-canvas instance of `format` ("png": its default, "svg", "pdf") and size in CSS
 * pixels. `canvasSource`, when given, is asked for a used canvas before a new one is made (it
 * returns undefined when it has none); it must hand back a canvas of this size.
 */
export async function createChartEngine(format: "png" | "svg" | "pdf", width: number, height: number, canvasSource?: () => NodeCanvasLike | undefined): Promise<ChartEngine> {
  const { ChartJSNodeCanvas } = require("chartjs-node-canvas") as typeof import("chartjs-node-canvas");
  const { ChartJs } = await import("./chart-js.js");
  if (typeof (ChartJSNodeCanvas.prototype as unknown as { initialize?: unknown }).initialize !== "function") {
    throw new Error(`chartjs-node-canvas is not the ${ADAPTED_VERSION} this adapter knows: initialize is missing`);
  }
  class OurChartJs extends ChartJSNodeCanvas {
    // called by the base constructor instead of its own, which requires chart.js/auto
    protected override initialize(): typeof ChartJs {
      return ChartJs;
    }
  }
  const instance = new OurChartJs({ width, height, ...(format === "png" ? {} : { type: format }) }) as unknown as Private & { _chartJs: unknown };
  if (instance._chartJs !== ChartJs) throw new Error(`chartjs-node-canvas is not the ${ADAPTED_VERSION} this adapter knows: it did not take our Chart.js`);
  if (typeof instance.renderChart !== "function" || typeof instance._createCanvas !== "function") {
    throw new Error(`chartjs-node-canvas is not the ${ADAPTED_VERSION} this adapter knows: renderChart or _createCanvas is missing`);
  }
  if (canvasSource) {
    const create = instance._createCanvas;
    instance._createCanvas = (w, h, type) => canvasSource() ?? create(w, h, type);
  }
  return { chartJs: ChartJs as unknown as ChartStatic, draw: (config) => instance.renderChart(config) };
}
