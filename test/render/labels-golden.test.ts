// One golden PNG per chart that --labels or a baseline adds (see support/golden.ts; UPDATE_GOLDEN=1 to regenerate).
import { describe, it } from "vitest";
import { classOrder } from "../../src/core/class-order.js";
import { classMeans, classStats, classStd } from "../../src/core/class-stats.js";
import { histogram } from "../../src/core/histogram.js";
import { column } from "../../src/core/matrix.js";
import { boxStats } from "../../src/core/quantiles.js";
import { classBarsChart } from "../../src/render/charts/class-bars-chart.js";
import { useBundledFont } from "../../src/render/engine/fonts.js";
import { heatmapChart } from "../../src/render/charts/heatmap-chart.js";
import { histogramChart } from "../../src/render/charts/histogram-chart.js";
import { neuronLineChart } from "../../src/render/charts/neuron-line-chart.js";
import { renderChart } from "../../src/render/engine/renderer.js";
import { summaryChart } from "../../src/render/charts/summary-chart.js";
import { expectGolden } from "./support/golden.js";
import { reluActivations } from "./support/neuron-data.js";

const family = useBundledFont();
const W = 480;
const H = 300;
const style = { theme: "light" as const, fontFamily: family, width: W, height: H };
const png = { format: "png" as const, width: W, height: H, scale: 1 };
const acts = reluActivations(120, 6, 11, [2]);
const before = reluActivations(120, 6, 12, [4]);
// four classes, interleaved in file order
const of = Int32Array.from({ length: acts.rows }, (_, i) => (i * 7) % 4);
const names = ["cat", "dog", "bird", "fish"];

describe("label and baseline chart goldens", () => {
  it("heatmapChart sorted by class, with separators and class names under the bands, matches its golden image", async () => {
    const { order, starts } = classOrder(of, 4);
    const text = { title: "by class", xLabel: "samples, sorted by class", yLabel: "neuron", valueLabel: "activation" };
    await expectGolden("labels-heatmap-bands", await renderChart(() => heatmapChart(acts, { rowOrder: order, bands: { starts, names, separators: true } }, text, style) as never, png));
  });

  it("classBarsChart(neuron 1, preferred class highlighted, ±1 std) matches its golden image", async () => {
    const means = classMeans(classStats(acts, of, 4), 1);
    const stds = classStd(column(acts, 1), of, means);
    await expectGolden("labels-class-bars", await renderChart(() => classBarsChart(names, Array.from(means), Array.from(stds), 2, { title: "neuron 1", xLabel: "class", yLabel: "mean" }, style) as never, png));
  });

  it("neuronLineChart with class-coloured points and a legend matches its golden image", async () => {
    const x = Float64Array.from({ length: acts.rows }, (_, i) => i);
    await expectGolden("labels-line-classes", await renderChart(() => neuronLineChart(column(acts, 1), x, { title: "neuron 1", xLabel: "sample", yLabel: "activation" }, style, { classes: { names, of, legend: true } }) as never, png));
  });

  it("a baseline: overlaid histograms, paired boxes and the difference heatmap match their golden images", async () => {
    const h = histogram(column(acts, 1), 20, [0, 3]);
    const o = histogram(column(before, 1), 20, [0, 3]);
    await expectGolden("baseline-hist", await renderChart(() => histogramChart(h, { title: "neuron 1", xLabel: "activation", yLabel: "count" }, style, {}, { histogram: o, names: ["now", "before"] }) as never, png));
    const items = [0, 1, 2, 3, 4, 5].map((j) => ({ label: String(j), box: boxStats(column(acts, j)), dead: j === 2, baseline: { box: boxStats(column(before, j)), dead: j === 4 } }));
    await expectGolden("baseline-summary", await renderChart(() => summaryChart(items, { title: "paired", xLabel: "neuron", yLabel: "activation" }, style, { names: ["now", "before"] }) as never, png));
    await expectGolden("baseline-heatmap-diff", await renderChart(() => heatmapChart(acts, { centred: true, minus: before }, { title: "now − before", xLabel: "sample", yLabel: "neuron", valueLabel: "Δ" }, style) as never, png));
  });
});
