import { describe, expect, it } from "vitest";
import { chartCount, linePoints, loadNeurons, neuronChartFiles } from "../../src/jobs/neurons-job.js";
import { writeNpy } from "../../src/io/write-npy.js";
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
    const d = loadNeurons(bytes, o);
    const files = await neuronChartFiles(d, o);
    expect(files).toHaveLength(expected);
    expect(await chartCount(d, o)).toBe(expected);
  });
});
