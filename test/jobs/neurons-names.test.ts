import { describe, expect, it } from "vitest";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { readTensor } from "../../src/io/read-tensor.js";
import { chartFileNames, loadNeurons } from "../../src/jobs/neurons-job.js";
import { DIGITS, chartNamePatterns, gridStem, itemStem, neuronListError, plannedChartNames } from "../../src/jobs/neurons-names.js";
import { neuronsOptionsSchema } from "../../src/options/neurons.js";
import { patternsOverlap } from "../../src/manifest/path-pattern.js";

describe("itemStem(prefix, i, count) and gridStem(prefix, page, pages)", () => {
  it("itemStem('neuron', 7, 128) pads to the widest index: neuron-007", () => expect(itemStem("neuron", 7, 128)).toBe("neuron-007"));
  it("itemStem('neuron', 0, 1) is neuron-0", () => expect(itemStem("neuron", 0, 1)).toBe("neuron-0"));
  it("itemStem('maps', 9, 10) is maps-9; of 11, maps-09", () => expect([itemStem("maps", 9, 10), itemStem("maps", 9, 11)]).toEqual(["maps-9", "maps-09"]));
  it("gridStem('hist', 1, 1) is hist-grid; page 2 of 3 is hist-grid-2", () => expect([gridStem("hist", 1, 1), gridStem("hist", 2, 3)]).toEqual(["hist-grid", "hist-grid-2"]));
});

// a [40, 12] matrix (12 neurons, two-digit indices), a rank-4 [3, 5, 4, 4] tensor, a rank-1 one
const wide = writeNpy({ shape: [40, 12], data: Float32Array.from({ length: 480 }, (_, i) => Math.sin(i * 0.37) * (1 + (i % 12))) });
const conv = writeNpy({ shape: [3, 5, 4, 4], data: Float32Array.from({ length: 240 }, (_, i) => Math.cos(i * 0.11)) });
const flat = writeNpy({ shape: [30], data: Float32Array.from({ length: 30 }, (_, i) => i) });

/** [data, flags, whether the names are known from the shape alone] */
const cases: [string, Uint8Array, Record<string, unknown>, boolean][] = [
  ["every neuron's line", wide, {}, true],
  ["--neurons 3,10-11 as lines and histograms, png and svg", wide, { neurons: "3,10-11", plot: "line,hist", format: "png,svg" }, true],
  ["a heatmap and a summary", wide, { plot: "heatmap,summary" }, true],
  ["--top 5 as lines (which five: the data says)", wide, { top: 5 }, false],
  ["--top 5 in 2x2 grids (two pages)", wide, { top: 5, plot: "line,hist", grid: "2x2" }, true],
  ["--top 50 of 12 in a 3x3 grid", wide, { top: 50, grid: "3x3" }, true],
  ["every neuron in a 4x3 grid (one page)", wide, { grid: "4x3" }, true],
  ["--top 5 as a summary", wide, { top: 5, plot: "summary" }, true],
  ["maps of the first sample", conv, { plot: "maps", width: 800, height: 600 }, true],
  ["maps of --samples 1:3, --top 2 channels, and channels' lines", conv, { plot: "maps,line", samples: "1:3", top: 2, width: 800, height: 600 }, false],
  ["maps of --samples 1:3 and a heatmap", conv, { plot: "maps,heatmap", samples: "1:3", width: 800, height: 600 }, true],
  ["--channel-axis -1 --reduce flatten", conv, { channelAxis: -1, reduce: "flatten", plot: "hist" }, true],
  ["a rank-1 array", flat, { plot: "line,summary" }, true],
  ["--neurons beyond the columns (the full read refuses it)", wide, { neurons: "40" }, false],
];

describe("plannedChartNames(options, shape)", () => {
  for (const [name, bytes, flags, known] of cases) {
    it(`plannedChartNames(${name}) ${known ? "is chartFileNames(data) from the shape alone" : "is undefined: the data decides"}`, async () => {
      const o = neuronsOptionsSchema.parse({ input: "acts.npy", ...flags });
      const planned = plannedChartNames(o, readTensor(bytes, { source: "acts.npy" }).shape);
      if (!known) return expect(planned).toBeUndefined();
      expect(planned).toEqual(await chartFileNames(await loadNeurons(bytes, o), o));
    });
  }

  it("plannedChartNames(heatmap, summary) is known without a shape; a line plot is not", () => {
    const o = neuronsOptionsSchema.parse({ input: "acts.csv", plot: "heatmap,summary", format: "png,svg" });
    expect(plannedChartNames(o)).toEqual(["heatmap.png", "heatmap.svg", "summary.png", "summary.svg"]);
    expect(plannedChartNames(neuronsOptionsSchema.parse({ input: "acts.csv" }))).toBeUndefined();
  });
});

describe("chartNamePatterns(options, layered)", () => {
  for (const [name, bytes, flags] of cases.filter((c) => !String(c[2].neurons ?? "").startsWith("40"))) {
    it(`every file chartFileNames(${name}) makes matches a pattern`, async () => {
      const o = neuronsOptionsSchema.parse({ input: "acts.npy", ...flags });
      const names = await chartFileNames(await loadNeurons(bytes, o), o);
      const patterns = chartNamePatterns(o, false);
      for (const file of names) expect(patterns.some((p) => patternsOverlap(p, file)), file).toBe(true);
    });
  }

  it("chartNamePatterns(--layer all) puts every pattern under layer-<n>/", () => {
    const o = neuronsOptionsSchema.parse({ input: "x.npy", weights: "m.safetensors", layer: "all", plot: "line,summary" });
    expect(chartNamePatterns(o, true)).toEqual([`layer-${DIGITS}/neuron-${DIGITS}.png`, `layer-${DIGITS}/summary.png`]);
  });

  it("chartNamePatterns(classes, grids) names each kind's family", () => {
    const o = neuronsOptionsSchema.parse({ input: "x.npy", labels: "y.npy", plot: "classes,class-heatmap,hist", grid: "2x2" });
    expect(chartNamePatterns(o, false)).toEqual([`classes-${DIGITS}.png`, "class-heatmap.png", "hist-grid.png", `hist-grid-${DIGITS}.png`]);
  });
});

describe("neuronListError(options, shape)", () => {
  for (const list of ["12", "0,40", "x", "5-2"]) {
    it(`neuronListError(--neurons ${list}, [40, 12]) is the error the full read throws`, async () => {
      const o = neuronsOptionsSchema.parse({ input: "acts.npy", neurons: list });
      const error = neuronListError(o, [40, 12]);
      expect(error).toBeDefined();
      await expect(loadNeurons(wide, o)).rejects.toThrow(error!.message);
    });
  }

  it("neuronListError(--neurons 0-11, [40, 12]) is undefined; so is any list for a shape it cannot read ([0, 12])", () => {
    expect(neuronListError(neuronsOptionsSchema.parse({ input: "a.npy", neurons: "0-11" }), [40, 12])).toBeUndefined();
    expect(neuronListError(neuronsOptionsSchema.parse({ input: "a.npy", neurons: "99" }), [0, 12])).toBeUndefined();
  });
});
