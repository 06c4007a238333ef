import { describe, expect, it } from "vitest";
import { chartCount, chartTasks, linePoints, loadNeurons, neuronChartFiles } from "../../src/jobs/neurons-job.js";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { neuronsOptionsSchema } from "../../src/options/neurons.js";

describe("linePoints(width, scale)", () => {
  it("linePoints(800, 1) is two points per pixel column: 1600", () => expect(linePoints(800, 1)).toBe(1600));
  it("linePoints(800, 2) follows the device pixels: 3200", () => expect(linePoints(800, 2)).toBe(3200));
  it("linePoints(300, 1) never goes below 1000", () => expect(linePoints(300, 1)).toBe(1000));
});

describe("chartCount(data, options)", () => {
  // 5 neurons x 40 samples, as a float32 .npy
  const bytes = writeNpy({ shape: [40, 5], data: Float32Array.from({ length: 200 }, (_, i) => Math.max(0, Math.sin(i / 3))) });
  const cases: [string, Record<string, unknown>, number][] = [
    ["one line chart per neuron", { plot: "line" }, 5],
    ["every plot kind in two formats", { plot: "line,hist,heatmap,summary", format: "png,svg" }, (5 + 5 + 1 + 1) * 2],
    ["grids of 2x2 (two pages per kind)", { plot: "line,hist", grid: "2x2" }, 2 + 2],
    ["no plot", { plot: "none" }, 0],
  ];
  it.each(cases)("chartCount(...) for %s is the number of files neuronChartFiles makes", async (_name, flags, expected) => {
    const o = neuronsOptionsSchema.parse({ input: "acts.npy", width: 320, height: 200, ...flags });
    const d = await loadNeurons(bytes, o);
    const files = await neuronChartFiles(d, o);
    expect(files).toHaveLength(expected);
    expect(await chartCount(d, o)).toBe(expected);
  });
});

describe("chart titles", () => {
  const bytes = writeNpy({ shape: [40, 3], data: Float32Array.from({ length: 120 }, (_, i) => Math.sin(i / 3)) });
  const layer = { number: 1, name: "fc1", layers: 2, activation: "relu", weights: "mlp.safetensors", dtype: "f64" as const };
  /** Every chart's title (a grid's frame title, else the chart's), in order. */
  async function titles(flags: Record<string, unknown>, computed: boolean): Promise<(string | undefined)[]> {
    const o = neuronsOptionsSchema.parse({ input: "acts.npy", ...flags });
    const d = await loadNeurons(bytes, o);
    const tasks = await chartTasks(computed ? { ...d, layer } : d, o);
    return tasks.map((t) => {
      const job = t.build();
      return "frame" in job ? job.frame.title : job.chart.text.title;
    });
  }

  it("a computed layer's charts (--weights) are titled by the layer: 'fc1 (layer 1 of 2): Neuron 0'", async () => {
    expect(await titles({ plot: "line,hist,heatmap,summary", neurons: "0" }, true)).toEqual([
      "fc1 (layer 1 of 2): Neuron 0",
      "fc1 (layer 1 of 2): Neuron 0: activation histogram",
      "fc1 (layer 1 of 2): Activations (neurons × samples)",
      "fc1 (layer 1 of 2): Activation distribution per neuron",
    ]);
    expect(await titles({ plot: "line", grid: "1x3" }, true)).toEqual(["fc1 (layer 1 of 2): Neuron activations over samples"]);
    expect(await titles({ plot: "summary", lang: "zh" }, true)).toEqual(["fc1（第 1 层，共 2 层）: 各神经元的激活分布"]);
  });

  it("--title replaces the layer's lead; an activations file's charts have none", async () => {
    expect(await titles({ plot: "line,heatmap", neurons: "0", title: "Run 7" }, true)).toEqual(["Run 7: Neuron 0", "Run 7"]);
    expect(await titles({ plot: "line,heatmap", neurons: "0" }, false)).toEqual(["Neuron 0", "Activations (neurons × samples)"]);
  });
});
