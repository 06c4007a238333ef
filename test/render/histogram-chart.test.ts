import type { Chart, Plugin } from "chart.js";
import { describe, expect, it } from "vitest";
import { Y_HEADROOM } from "../../src/render/charts/curve-chart.js";
import { useBundledFont } from "../../src/render/engine/fonts.js";
import { histogramChart } from "../../src/render/charts/histogram-chart.js";
import { renderChart } from "../../src/render/engine/renderer.js";
import { themes } from "../../src/render/charts/theme.js";
import { decodePng } from "./support/pixels.js";

const style = { theme: "light" as const, fontFamily: "TestSans", width: 800, height: 500 };
const text = { title: "neuron 0", xLabel: "activation", yLabel: "count" };
const known = { edges: Float64Array.from([0, 1, 2, 3, 4]), counts: Float64Array.from([4, 0, 2, 1]) };

describe("histogramChart(h, text, style, options)", () => {
  it("histogramChart(...) returns a fresh config on every call and copies the histogram", () => {
    const a = histogramChart(known, text, style);
    const b = histogramChart(known, text, style);
    expect(a).not.toBe(b);
    expect(a.options!.plugins!.actvizHistogramBars!.edges).not.toBe(b.options!.plugins!.actvizHistogramBars!.edges);
    expect(a.options!.plugins!.actvizHistogramBars!.counts).not.toBe(known.counts);
  });

  it("histogramChart(known) hands every bin's exact edges and count to the bars plugin, no datasets", () => {
    const c = histogramChart(known, text, style);
    expect(c.data.datasets).toHaveLength(0);
    expect(c.options!.plugins!.actvizHistogramBars).toMatchObject({ edges: [0, 1, 2, 3, 4], counts: [4, 0, 2, 1], color: themes.light.palette[0] });
    expect(c.plugins!.map((p) => p.id)).toEqual(["actvizBackground", "actvizHistogramBars"]);
  });

  it("histogramChart(known) x spans edges[0]..edges[bins]; y from 0 to the top count plus headroom, integer ticks", () => {
    const { x, y } = histogramChart(known, text, style).options!.scales!;
    expect(x).toMatchObject({ type: "linear", min: 0, max: 4 });
    expect(y).toMatchObject({ min: 0, max: 4 * (1 + Y_HEADROOM), ticks: { precision: 0 } });
  });

  it("histogramChart(..., {yRange}) uses the shared y range exactly", () => {
    expect(histogramChart(known, text, style, { yRange: { min: 0, max: 50 } }).options!.scales!.y).toMatchObject({ min: 0, max: 50 });
  });

  it("histogramChart(all counts 0) still has a y axis [0, 1]", () => {
    const h = { edges: Float64Array.from([0, 1]), counts: Float64Array.from([0]) };
    expect(histogramChart(h, text, style).options!.scales!.y).toMatchObject({ min: 0, max: 1 });
  });

  it("histogramChart(edges not one longer than counts, or not ascending) is a RangeError", () => {
    expect(() => histogramChart({ edges: Float64Array.from([0, 1]), counts: Float64Array.from([1, 2]) }, text, style)).toThrow(/2 edges for 2 counts/);
    expect(() => histogramChart({ edges: Float64Array.from([0, 2, 1]), counts: Float64Array.from([1, 2]) }, text, style)).toThrow(/at bin 1/);
    expect(() => histogramChart({ edges: Float64Array.from([0, NaN]), counts: Float64Array.from([1]) }, text, style)).toThrow(RangeError);
  });

  it("histogramChart(known) rendered: bars filled at the right x, up to their count, an empty bin empty", async () => {
    const family = useBundledFont();
    let chart: Chart | undefined;
    const spy: Plugin = { id: "spy", afterRender: (c) => void (chart = c) };
    const png = await renderChart(() => {
      const c = histogramChart(known, { ...text, title: "" }, { ...style, fontFamily: family, width: 400, height: 300 });
      return { ...c, plugins: [...c.plugins!, spy] } as never;
    }, { format: "png", width: 400, height: 300, scale: 1 });
    const { x, y } = chart!.scales as unknown as Record<"x" | "y", { getPixelForValue(v: number): number }>;
    const img = await decodePng(png);
    const rgb = (px: number, py: number) => Array.from(img.data.subarray(4 * (Math.round(py) * img.width + Math.round(px)), 4 * (Math.round(py) * img.width + Math.round(px)) + 3));
    const bar = [0x00, 0x72, 0xb2];
    const white = [255, 255, 255];
    // inside each bar, a few px from its edges and top
    expect(rgb(x.getPixelForValue(0) + 3, y.getPixelForValue(3.8))).toEqual(bar);
    expect(rgb(x.getPixelForValue(1) - 3, y.getPixelForValue(0.5))).toEqual(bar);
    expect(rgb(x.getPixelForValue(2) + 3, y.getPixelForValue(1.9))).toEqual(bar);
    expect(rgb(x.getPixelForValue(4) - 3, y.getPixelForValue(0.9))).toEqual(bar);
    // above the bars, and the empty bin
    expect(rgb(x.getPixelForValue(0.3), y.getPixelForValue(4.15))).toEqual(white);
    expect(rgb(x.getPixelForValue(2.3), y.getPixelForValue(2.2))).toEqual(white);
    expect(rgb(x.getPixelForValue(1.3), y.getPixelForValue(0.3))).toEqual(white);
  });
});

describe("histogramChart(..., { yScale: \"log\" })", () => {
  const h = { edges: Float64Array.from([0, 1, 2, 3]), counts: Float64Array.from([395, 0, 2]) };
  const style = { theme: "light" as const, fontFamily: "TestSans", width: 800, height: 500 };

  it("a log count axis from just under 1 (a bin of one value shows) to above the largest count, ticks at 1, 2, 5 x 10^k", () => {
    const y = histogramChart(h, { title: "t", xLabel: "x", yLabel: "Count" }, style, { yScale: "log" }).options!.scales!.y as {
      type: string; min: number; max: number; ticks: { callback: (v: number) => string };
    };
    expect(y.type).toBe("logarithmic");
    expect(y.min).toBeLessThan(1);
    expect(y.min).toBeGreaterThan(0);
    expect(y.max).toBeGreaterThan(395);
    expect([1, 2, 3, 5, 10, 20, 30, 50, 100, 1000, 2000].map((v) => y.ticks.callback(v))).toEqual(["1", "2", "", "5", "10", "20", "", "50", "100", "1,000", "2,000"]);
  });

  it("the linear axis stays the default", () => {
    const y = histogramChart(h, { title: "t", xLabel: "x", yLabel: "Count" }, style).options!.scales!.y as { type?: string; min: number };
    expect(y.type).not.toBe("logarithmic");
    expect(y.min).toBe(0);
  });
});
