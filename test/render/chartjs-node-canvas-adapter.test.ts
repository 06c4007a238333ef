import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { ADAPTED_VERSION, createChartEngine, type NodeCanvasLike } from "../../src/render/engine/chartjs-node-canvas-adapter.js";
import { ChartJs } from "../../src/render/engine/chart-js.js";
import { useBundledFont } from "../../src/render/engine/fonts.js";

// The contract of the one file that reaches past chartjs-node-canvas's public API: on an upgrade
// these fail first, naming what to check, instead of charts breaking somewhere downstream.
const require = createRequire(import.meta.url);

const config = () => ({
  type: "line" as const,
  data: { labels: ["a", "b"], datasets: [{ data: [1, 2] }] },
  options: { devicePixelRatio: 1, animation: false as const, responsive: false },
});

describe("chartjs-node-canvas adapter", () => {
  it(`chartjs-node-canvas is ${ADAPTED_VERSION}, the version the adapter was written for (on an upgrade: check its renderChart, _createCanvas and initialize, then ADAPTED_VERSION)`, () => {
    expect((require("chartjs-node-canvas/package.json") as { version: string }).version).toBe(ADAPTED_VERSION);
  });

  it("createChartEngine(png) hands over the Chart.js it loaded and draws a chart of the given size", async () => {
    useBundledFont();
    const engine = await createChartEngine("png", 200, 120);
    expect(typeof engine.chartJs.register).toBe("function");
    expect(engine.chartJs.defaults.font).toBeTypeOf("object");
    const chart = engine.draw(config());
    expect(chart).toBeInstanceOf(engine.chartJs);
    expect([chart.canvas!.width, chart.canvas!.height]).toEqual([200, 120]);
    chart.destroy();
  });

  it("createChartEngine hands chartjs-node-canvas our Chart.js (chart-js.ts) through its initialize(), one for every engine, and it draws with it", async () => {
    const png = await createChartEngine("png", 200, 120);
    const svg = await createChartEngine("svg", 300, 100);
    expect(png.chartJs).toBe(ChartJs);
    expect(svg.chartJs).toBe(ChartJs);
    const chart = svg.draw(config());
    expect(chart).toBeInstanceOf(ChartJs);
    chart.destroy();
  });

  it("chartjs-node-canvas's constructor still gets its Chart.js from a protected initialize(options) (the method the adapter overrides)", async () => {
    const { ChartJSNodeCanvas } = await import("chartjs-node-canvas");
    const source = (ChartJSNodeCanvas.prototype as unknown as { initialize: () => unknown }).initialize.toString();
    expect(source).toMatch(/require\('chart\.js\/auto'\)/);
    expect(readFileSync(require.resolve("chartjs-node-canvas/dist/chartJSNodeCanvasBase.js"), "utf8")).toMatch(/this\._chartJs = this\.initialize\(options\)/);
  });

  it("createChartEngine(png, ..., source) draws on the canvas the source hands back, and on a new one when it has none", async () => {
    const first = await createChartEngine("png", 200, 120);
    const used = first.draw(config());
    const canvas = used.canvas!;
    used.destroy();
    let asked = 0;
    const engine = await createChartEngine("png", 200, 120, () => (asked++ === 0 ? canvas : undefined) as NodeCanvasLike | undefined);
    const a = engine.draw(config());
    expect(a.canvas).toBe(canvas);
    const b = engine.draw(config());
    expect(b.canvas).not.toBe(canvas);
    expect(asked).toBe(2);
    a.destroy();
    b.destroy();
  });

  it("createChartEngine(svg) draws on an SVG canvas", async () => {
    const engine = await createChartEngine("svg", 200, 120);
    const chart = engine.draw(config());
    expect(chart.canvas!.toBuffer("image/svg+xml").toString("utf8")).toMatch(/^<\?xml[^>]*>\s*<svg/);
    chart.destroy();
  });
});
