// One golden PNG per neuron chart kind (see support/golden.ts; UPDATE_GOLDEN=1 to regenerate).
import { describe, it } from "vitest";
import { histogram } from "../../src/core/histogram.js";
import { column } from "../../src/core/matrix.js";
import { boxStats } from "../../src/core/quantiles.js";
import { columnStats } from "../../src/core/stats.js";
import { useBundledFont } from "../../src/render/engine/fonts.js";
import { gridPanelSize, renderGrid } from "../../src/render/engine/grid-render.js";
import { heatmapChart } from "../../src/render/charts/heatmap-chart.js";
import { histogramChart } from "../../src/render/charts/histogram-chart.js";
import { neuronLineChart } from "../../src/render/charts/neuron-line-chart.js";
import { renderChart } from "../../src/render/engine/renderer.js";
import { summaryChart } from "../../src/render/charts/summary-chart.js";
import { expectGolden } from "./support/golden.js";
import { reluActivations, signedActivations } from "./support/neuron-data.js";

const family = useBundledFont();
const W = 480;
const H = 300;
const style = (theme: "light" | "dark" = "light") => ({ theme, fontFamily: family, width: W, height: H });
const png = { format: "png" as const, width: W, height: H, scale: 1 };
const acts = reluActivations(400, 12, 7, [3, 9]);
const index = Float64Array.from({ length: acts.rows }, (_, i) => i);

describe("neuron chart goldens", () => {
  it("neuronLineChart(neuron 1) matches its golden image", async () => {
    await expectGolden("neuron-line-light", await renderChart(() => neuronLineChart(column(acts, 1), index, { title: "neuron 1", xLabel: "sample", yLabel: "activation" }, style()) as never, png));
  });

  it("histogramChart(neuron 4, 30 bins, dark) matches its golden image", async () => {
    const h = histogram(column(acts, 4), 30);
    await expectGolden("neuron-histogram-dark", await renderChart(() => histogramChart(h, { title: "neuron 4", xLabel: "activation", yLabel: "count" }, style("dark")) as never, png));
  });

  it("summaryChart(12 neurons, 2 dead) matches its golden image", async () => {
    const stats = columnStats(acts, { inactiveThreshold: 0 });
    const items = stats.map((s, j) => ({ label: String(j), box: boxStats(column(acts, j)), dead: s.dead }));
    await expectGolden("neuron-summary-dead", await renderChart(() => summaryChart(items, { title: "per neuron", xLabel: "neuron", yLabel: "activation" }, style()) as never, png));
  });

  it("heatmapChart(100x10 relu, viridis) matches its golden image", async () => {
    const m = reluActivations(100, 10, 5, [3]);
    await expectGolden("neuron-heatmap-viridis", await renderChart(() => heatmapChart(m, {}, { title: "activations", xLabel: "sample", yLabel: "neuron", valueLabel: "activation" }, style()) as never, png));
  });

  it("heatmapChart(2000x32 tanh, diverging, NaN row) matches its golden image", async () => {
    const m = signedActivations(2000, 32, 5);
    for (let i = 0; i < m.rows; i++) m.data[i * m.cols + 5] = NaN;
    await expectGolden("neuron-heatmap-rdbu-dark", await renderChart(() => heatmapChart(m, {}, { title: "tanh", xLabel: "sample", yLabel: "neuron", valueLabel: "activation" }, style("dark")) as never, png));
  });

  it("renderGrid(6 line panels, 2x3, shared y) matches its golden image", async () => {
    const frame = { title: "6 neurons", theme: "light" as const, fontFamily: family };
    const size = gridPanelSize({ rows: 2, cols: 3 }, png, frame);
    let top = 0;
    for (const v of acts.data) top = Math.max(top, v);
    const yRange = { min: -0.05 * top, max: 1.05 * top };
    const panels = [0, 1, 2, 3, 4, 5].map((j) => () => neuronLineChart(column(acts, j), index, { title: `neuron ${j}`, xLabel: "", yLabel: "" }, { ...style(), ...size }, { yRange }) as never);
    await expectGolden("neuron-grid-2x3", await renderGrid(panels, { rows: 2, cols: 3 }, png, frame));
  });
});
