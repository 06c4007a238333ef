import { describe, expect, it } from "vitest";
import { boxStats } from "../../src/core/quantiles.js";
import { colormap } from "../../src/render/charts/colormap.js";
import { heatmapChart } from "../../src/render/charts/heatmap-chart.js";
import { downsampleMatrix } from "../../src/render/images/heatmap-downsample.js";
import { centredScaleFor } from "../../src/render/images/heatmap-image.js";
import type { HeatmapPlugin } from "../../src/render/plugins/heatmap-plugin.js";
import { histogramChart } from "../../src/render/charts/histogram-chart.js";
import { neuronLineChart } from "../../src/render/charts/neuron-line-chart.js";
import type { PolylinePlugin } from "../../src/render/plugins/polyline-plugin.js";
import { summaryChart } from "../../src/render/charts/summary-chart.js";

const style = { theme: "light" as const, fontFamily: "TestSans", width: 800, height: 500 };
const text = { title: "t", xLabel: "x", yLabel: "y" };

describe("the difference heatmap", () => {
  it("centredScaleFor(values) is RdBu centred on 0 over ±max|v|, even when every value is positive", () => {
    expect(centredScaleFor([0, 0.5, 2, NaN])).toEqual({ min: -2, max: 2, colormap: "rdbu" });
    expect(centredScaleFor([-3, 1])).toEqual({ min: -3, max: 3, colormap: "rdbu" });
    expect(centredScaleFor([0, 0])).toEqual({ min: -1, max: 1, colormap: "rdbu" });
  });

  it("downsampleMatrix(m, ..., minus) gives the cells of m − minus without storing them", () => {
    const a = { rows: 4, cols: 2, data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
    const b = { rows: 4, cols: 2, data: Float32Array.from([1, 0, 0, 1, 5, 9, 0, 0]) };
    const diff = { rows: 4, cols: 2, data: Float64Array.from([0, 2, 3, 3, 0, -3, 7, 8]) };
    for (const rows of [4, 2]) expect(Array.from(downsampleMatrix(a, rows, 2, "mean", undefined, b).data)).toEqual(Array.from(downsampleMatrix(diff, rows, 2).data));
    expect(() => downsampleMatrix(a, 4, 2, "mean", undefined, { rows: 2, cols: 2, data: new Float32Array(4) })).toThrow(RangeError);
  });

  it("heatmapChart(m, {centred, minus}) colours no change white (RdBu's centre) and the largest change at the ends", () => {
    const a = { rows: 3, cols: 1, data: Float64Array.from([1, 2, 3]) };
    const b = { rows: 3, cols: 1, data: Float64Array.from([1, 0, 4]) };
    const plugin = heatmapChart(a, { centred: true, minus: b }, { ...text, valueLabel: "Δ" }, style).plugins!.find((p) => p.id === "actvizHeatmap") as HeatmapPlugin;
    const px = (x: number) => Array.from(plugin.image.data.subarray(4 * x, 4 * x + 3));
    // the image goes through a 256-entry table: t is rounded to k / 255
    const at = (t: number) => colormap("rdbu", Math.round(t * 255) / 255);
    expect(px(0)).toEqual(at(0.5));
    expect(px(1)).toEqual(at(1));
    expect(px(2)).toEqual(at(0.25));
  });
});

describe("the baseline overlays", () => {
  it("histogramChart(h, ..., overlay) draws the overlay's bars behind, over the same edges, and both in the legend", () => {
    const h = { edges: Float64Array.from([0, 1, 2]), counts: Float64Array.from([3, 1]) };
    const o = { edges: h.edges, counts: Float64Array.from([1, 9]) };
    const c = histogramChart(h, text, style, {}, { histogram: o, names: ["now", "before"] });
    const bars = c.options!.plugins!.actvizHistogramBars!;
    expect(bars.overlay!.counts).toEqual([1, 9]);
    expect((c.options!.scales!.y as { max: number }).max).toBeGreaterThanOrEqual(9);
    const legend = c.options!.plugins!.legend as { display: boolean; labels: { generateLabels: () => { text: string }[] } };
    expect(legend.display).toBe(true);
    expect(legend.labels.generateLabels().map((l) => l.text)).toEqual(["now", "before"]);
    expect(() => histogramChart(h, text, style, {}, { histogram: { edges: h.edges, counts: Float64Array.from([1]) }, names: ["a", "b"] })).toThrow(RangeError);
  });

  it("summaryChart with baselines pairs the boxes and spans both", () => {
    const box = boxStats(Float64Array.from([0, 1, 2]));
    const high = boxStats(Float64Array.from([0, 10, 20]));
    const c = summaryChart([{ label: "0", box, dead: false, baseline: { box: high, dead: true } }], text, style, { names: ["now", "before"] });
    const plugin = c.options!.plugins!.actvizBoxPlot!;
    expect(plugin.paired!.boxes).toEqual([{ ...high, dead: true }]);
    expect((c.options!.scales!.y as { max: number }).max).toBeGreaterThanOrEqual(20);
  });

  it("neuronLineChart with a baseline draws its line first and spans both", () => {
    const x = Float64Array.from([0, 1, 2]);
    const c = neuronLineChart(Float64Array.from([0, 1, 0]), x, text, style, { baseline: { x, y: Float64Array.from([5, 6, 7]), names: ["now", "before"], legend: true } });
    const lines = (c.plugins!.find((p) => p.id === "actvizPolyline") as PolylinePlugin).lines;
    expect(lines.map((l) => Array.from(l.y))).toEqual([[5, 6, 7], [0, 1, 0]]);
    expect((c.options!.scales!.y as { max: number }).max).toBeGreaterThanOrEqual(7);
  });
});
