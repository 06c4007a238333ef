import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { zipSync } from "fflate";
import { bytesSource } from "../../src/io/byte-source.js";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { neuronsRuns } from "../../src/jobs/neurons-runs.js";
import { neuronsOptionsSchema } from "../../src/options/neurons.js";
import { expectSame } from "./stream-vs-whole.js";

// The streamed path (blocks of a few rows, tiny quantile budgets, so every pass and refinement
// runs) against the in-memory one on the same bytes: the same report, the same chart files
// (./stream-vs-whole.ts).
const rows = 97;
const cols = 5;
const data = Float32Array.from({ length: rows * cols }, (_, i) => {
  const j = i % cols;
  const x = Math.sin(i * 12.9898) * 3;
  return j === 0 ? Math.max(0, x) * (i % 2 ? 1 : -0) : j === 1 ? (i % 9 === 0 ? NaN : x) : j === 2 ? 1.5 : j === 3 ? Math.round(x) : x * 1e-3 + 7;
});
const npy = writeNpy({ shape: [rows, cols], data });

/** A Fortran-order .npy of the row-major [r, c] `values`. */
function fortranNpy(r: number, c: number, values: Float64Array): Uint8Array {
  const columnMajor = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) columnMajor[j * r + i] = values[i * c + j]!;
  const bytes = writeNpy({ shape: [r, c], data: columnMajor });
  const text = new TextDecoder("latin1").decode(bytes.subarray(0, 128));
  const at = text.indexOf("False");
  bytes.set(new TextEncoder().encode("True "), at);
  return bytes;
}

describe("streamNeurons (through neuronsRuns) against the whole-file path", () => {
  it("the NumPy quantile fixture's report (random, ReLU, constant, NaN/inf, zeros, subnormal, all-NaN, ties, one value) is the same bytes streamed", async () => {
    const bytes = new Uint8Array(readFileSync("fixtures/numpy/report-quantiles.npy"));
    await expectSame(bytes, { plot: "none", stats: "-", activation: "relu" });
  });

  it("--plot summary,heatmap,hist --stats: the same report and PNG bytes, blocks of a few rows", async () => {
    await expectSame(npy, { plot: "summary,heatmap,hist", stats: "r.json", activation: "sigmoid" });
  });

  it("--bins auto --samples 10:-7 --top 3 --aggregate max --format svg: the same report and files", async () => {
    await expectSame(npy, { plot: "hist,heatmap", bins: "auto", samples: "10:-7", top: "3", aggregate: "max", stats: "r.json", format: "svg" });
  });

  it("an .npz, deflated (np.savez_compressed) or stored (np.savez): the same report and PNG bytes as read whole", async () => {
    for (const level of [6, 0] as const) {
      await expectSame(zipSync({ "acts.npy": [npy, { level }] }), { plot: "summary,heatmap,hist", stats: "r.json", activation: "sigmoid" });
    }
  });

  it("--plot line: the same PNG bytes, every sample kept (97 rows) and min-max decimated past 2 per pixel column, with and without gaps (NaN)", async () => {
    await expectSame(npy, { plot: "line", stats: "r.json" });
    // 3000 rows: past the 1000 points of a 320-px chart; column 1 has NaN runs, column 4 a lone inf
    const r = 3000;
    const long = Float32Array.from({ length: r * 5 }, (_, i) => {
      const [k, j] = [Math.floor(i / 5), i % 5];
      const x = Math.sin(k * 0.05 + j) * (1 + (k % 7));
      return j === 1 && (k % 400 < 30 || k > 2990) ? NaN : j === 4 && k === 1500 ? Infinity : j === 2 ? (k % 3 === 0 ? -0 : 0) : x;
    });
    await expectSame(writeNpy({ shape: [r, 5], data: long }), { plot: "line", width: "320", height: "180", format: "png,svg" });
    await expectSame(writeNpy({ shape: [r, 5], data: long }), { plot: "line", samples: "5:2800", top: "2", width: "320", height: "180" });
  });

  it("--partial: the same part (statistics and every neuron's sketch) as from the whole file, with and without charts", async () => {
    await expectSame(npy, { plot: "none", partial: "p.json", activation: "relu" });
    await expectSame(npy, { plot: "heatmap", partial: "p.json", stats: "r.json" });
  });

  it("a PyTorch zip file (torch.save of one tensor): the same report and PNG bytes as read whole", async () => {
    await expectSame(new Uint8Array(readFileSync("fixtures/torch/acts.pt")), { plot: "summary,heatmap,hist", stats: "r.json" });
  });

  it("a summary of more than 300 neurons (percentile bands) from a float64 Fortran-order file: the same files", async () => {
    const wide = new Float64Array(20 * 310).map((_, i) => Math.cos(i * 0.7) * (i % 13));
    const fortran = fortranNpy(20, 310, wide);
    await expectSame(fortran, { plot: "summary", stats: "r.json" });
  });

  it("a heatmap of more samples and neurons than pixels (blocks aggregated as the rows go by): the same PNG", async () => {
    const big = Float32Array.from({ length: 700 * 40 }, (_, i) => Math.sin(i * 0.013) + (i % 40) / 40);
    await expectSame(writeNpy({ shape: [700, 40], data: big }), { plot: "heatmap", width: "320", height: "180" });
  });

  it("a --baseline read whole (stdin) takes the whole-file path on a file that fits in memory", async () => {
    for (const flags of [{ plot: "summary", baseline: "-" }, { plot: "heatmap", stats: "-", baseline: "-" }]) {
      const o = neuronsOptionsSchema.parse({ input: "acts.npy", ...flags });
      const runs = await neuronsRuns(o, async () => npy, undefined, undefined, undefined, { open: async () => bytesSource(npy), above: 0 });
      expect((await runs[0]!.load()).streamed, JSON.stringify(flags)).toBeUndefined();
    }
  });
});
