import type { ChartConfiguration, ChartType } from "chart.js";

// The one place that reaches past chartjs-node-canvas's public API, written against 5.0.0 (a
// contract test, test/render/chartjs-node-canvas-adapter.test.ts, fails on any other version
// until this file is checked again). Its public renderToBuffer* methods draw a new chart on a new
// canvas, encode it without options and destroy it; we need the chart itself, for two measured
// gains: an idle PNG chart redrawn by update() skips building a chart (~4 ms a chart), and a used
// canvas skips a new cairo surface (~6 ms). So we call its renderChart (private in the .d.ts,
// plain in the JS) and replace its _createCanvas, and encode the canvas ourselves (PNG zlib level
// and filter, fixed PDF dates). Its public options serve the rest (width, height, type,
// chartCallback for the Chart.js it loaded).

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
  /** Its own Chart.js: each instance loads a fresh copy. */
  chartJs: ChartStatic;
  /** Draws a new chart on a canvas from `canvasSource` (or a new one); the caller destroys it. */
  draw(config: ChartConfiguration<ChartType, unknown[], unknown>): ChartLike;
}

/** chartjs-node-canvas 5.0.0's instance, as its JS has it. */
interface Private {
  renderChart(config: ChartConfiguration<ChartType, unknown[], unknown>): ChartLike;
  _createCanvas(width: number, height: number, type?: string): NodeCanvasLike;
}

/** The version this file was written against. */
export const ADAPTED_VERSION = "5.0.0";

/**
 * A chartjs-node-canvas instance of `format` ("png": its default, "svg", "pdf") and size in CSS
 * pixels. `canvasSource`, when given, is asked for a used canvas before a new one is made (it
 * returns undefined when it has none); it must hand back a canvas of this size.
 */
export async function createChartEngine(format: "png" | "svg" | "pdf", width: number, height: number, canvasSource?: () => NodeCanvasLike | undefined): Promise<ChartEngine> {
  const { ChartJSNodeCanvas } = await import("chartjs-node-canvas");
  let chartJs: ChartStatic | undefined;
  const instance = new ChartJSNodeCanvas({
    width,
    height,
    ...(format === "png" ? {} : { type: format }),
    chartCallback: (c: unknown) => {
      chartJs = c as ChartStatic;
    },
  }) as unknown as Private;
  if (!chartJs) throw new Error("chartjs-node-canvas did not hand over its Chart.js");
  if (typeof instance.renderChart !== "function" || typeof instance._createCanvas !== "function") {
    throw new Error(`chartjs-node-canvas is not the ${ADAPTED_VERSION} this adapter knows: renderChart or _createCanvas is missing`);
  }
  if (canvasSource) {
    const create = instance._createCanvas;
    instance._createCanvas = (w, h, type) => canvasSource() ?? create(w, h, type);
  }
  return { chartJs, draw: (config) => instance.renderChart(config) };
}
