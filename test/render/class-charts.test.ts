import { describe, expect, it } from "vitest";
import { classBarsChart } from "../../src/render/charts/class-bars-chart.js";
import { heatmapChart } from "../../src/render/charts/heatmap-chart.js";
import { downsampleMatrix } from "../../src/render/images/heatmap-downsample.js";
import type { HeatmapPlugin } from "../../src/render/plugins/heatmap-plugin.js";
import { neuronLineChart } from "../../src/render/charts/neuron-line-chart.js";
import { renderChart } from "../../src/render/engine/renderer.js";
import { useBundledFont } from "../../src/render/engine/fonts.js";
import { CLASS_PALETTE } from "../../src/render/charts/theme.js";
import { pngSize } from "./support/pixels.js";

const style = { theme: "light" as const, fontFamily: "TestSans", width: 800, height: 500 };
const text = { title: "t", xLabel: "x", yLabel: "y", valueLabel: "v" };
const pluginOf = (c: ReturnType<typeof heatmapChart>) => c.plugins!.find((p) => p.id === "actvizHeatmap") as HeatmapPlugin;

describe("downsampleMatrix(m, rows, cols, aggregate, order)", () => {
  it("downsampleMatrix with a row order equals downsampling the rows copied in that order", () => {
    const m = { rows: 7, cols: 2, data: Float64Array.from({ length: 14 }, (_, i) => (i * 37) % 11) };
    const order = Int32Array.from([3, 0, 6, 1, 5, 2, 4]);
    const copied = new Float64Array(14);
    order.forEach((r, p) => copied.set(m.data.subarray(r * 2, r * 2 + 2), p * 2));
    for (const rows of [7, 3, 2]) {
      expect(Array.from(downsampleMatrix(m, rows, 2, "mean", order).data)).toEqual(Array.from(downsampleMatrix({ ...m, data: copied }, rows, 2).data));
    }
  });

  it("downsampleMatrix refuses an order that is not a permutation of the rows", () => {
    const m = { rows: 3, cols: 1, data: new Float64Array(3) };
    expect(() => downsampleMatrix(m, 3, 1, "mean", Int32Array.from([0, 0, 1]))).toThrow(RangeError);
    expect(() => downsampleMatrix(m, 3, 1, "mean", Int32Array.from([0, 1]))).toThrow(new RangeError("row order has 2 entries for 3 rows"));
  });
});

describe("heatmapChart with class bands", () => {
  // 6 samples x 1 neuron; classes of the samples: [1, 0, 1, 0, 0, 2] -> sorted positions 1, 3, 4 | 0, 2 | 5
  const m = { rows: 6, cols: 1, data: Float64Array.from([10, 0, 11, 1, 2, 20]) };
  const options = { rowOrder: Int32Array.from([1, 3, 4, 0, 2, 5]), bands: { starts: [0, 3, 5, 6], names: ["a", "b", "c"], separators: true } };

  it("heatmapChart(m, {rowOrder}) draws the samples sorted by class, stable within a class", () => {
    const { image } = pluginOf(heatmapChart(m, options, text, style));
    const values = [0, 1, 2, 10, 11, 20];
    const plain = pluginOf(heatmapChart({ ...m, data: Float64Array.from(values) }, {}, text, style)).image;
    expect(Array.from(image.data)).toEqual(Array.from(plain.data));
  });

  it("heatmapChart(m, {bands}) puts a thin separator between classes, white on viridis", () => {
    expect(pluginOf(heatmapChart(m, options, text, style)).separators).toEqual({ at: [2.5, 4.5], color: "#ffffff" });
    const signed = { ...m, data: Float64Array.from([-1, 0, 1, 0, 0, 2]) };
    expect(pluginOf(heatmapChart(signed, options, text, style)).separators!.color).toBe("#1f2328");
    expect(pluginOf(heatmapChart(m, { ...options, bands: { ...options.bands, separators: false } }, text, style)).separators).toBeUndefined();
  });

  it("heatmapChart(m, {bands}) ticks the x axis at each band's centre with the class names, skipping empty bands", () => {
    const x = heatmapChart(m, { ...options, bands: { starts: [0, 3, 3, 6], names: ["a", "empty", "c"], separators: true } }, text, style).options!.scales!.x as unknown as {
      afterBuildTicks: (s: { ticks: { value: number }[] }) => void;
      ticks: { callback: (v: number) => string };
    };
    const scale = { ticks: [] as { value: number }[] };
    x.afterBuildTicks(scale);
    expect(scale.ticks.map((t) => t.value)).toEqual([1, 4]);
    expect(scale.ticks.map((t) => x.ticks.callback(t.value))).toEqual(["a", "c"]);
  });

  it("heatmapChart with bands renders: a PNG of the asked size", async () => {
    useBundledFont();
    const png = await renderChart(() => heatmapChart(m, options, text, { ...style, fontFamily: "" }) as never, { format: "png", width: 400, height: 260, scale: 1 });
    expect(pngSize(png)).toEqual({ width: 400, height: 260 });
  });
});

describe("classBarsChart(names, means, stds, preferred, text, style)", () => {
  it("classBarsChart gives one bar per class with its mean and std, the preferred one highlighted", () => {
    const c = classBarsChart(["a", "b", "c"], [1, 3, 0], [0.5, 1, 0], 1, text, style);
    const bars = c.options!.plugins!.actvizClassBars!;
    expect(bars.means).toEqual([1, 3, 0]);
    expect(bars.stds).toEqual([0.5, 1, 0]);
    expect(bars.highlight).toBe(1);
    expect(c.data.labels).toEqual(["a", "b", "c"]);
    const y = c.options!.scales!.y as { min: number; max: number };
    expect(y.min).toBe(0);
    expect(y.max).toBeGreaterThanOrEqual(4);
  });

  it("classBarsChart spans negative means minus their std", () => {
    const y = classBarsChart(["a", "b"], [-2, 1], [1, 0], 1, text, style).options!.scales!.y as { min: number };
    expect(y.min).toBeLessThanOrEqual(-3);
  });

  it("classBarsChart refuses means or stds not aligned with the classes", () => {
    expect(() => classBarsChart(["a"], [1, 2], [0], 0, text, style)).toThrow(RangeError);
  });
});

describe("neuronLineChart with classes", () => {
  it("neuronLineChart(..., {classes}) colours each finite point by its class, one legend entry per class", () => {
    const x = Float64Array.from([0, 1, 2, 3]);
    const y = Float64Array.from([5, NaN, 7, 8]);
    const c = neuronLineChart(y, x, text, style, { classes: { names: ["class a", "class b"], of: Int32Array.from([1, 0, 1, 0]), legend: true } });
    const sets = c.data.datasets as unknown as { label: string; data: { x: number; y: number }[]; backgroundColor: string }[];
    expect(sets.map((s) => s.label)).toEqual(["class a", "class b"]);
    expect(sets[0]!.data).toEqual([{ x: 3, y: 8 }]);
    expect(sets[1]!.data).toEqual([{ x: 0, y: 5 }, { x: 2, y: 7 }]);
    expect(sets.map((s) => s.backgroundColor)).toEqual([CLASS_PALETTE[0], CLASS_PALETTE[1]]);
    expect(c.options!.plugins!.legend!.display).toBe(true);
    expect(() => neuronLineChart(y, x, text, style, { classes: { names: ["a"], of: new Int32Array(2), legend: false } })).toThrow(RangeError);
  });
});
