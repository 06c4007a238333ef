import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { neuronsRuns, type PassCache } from "../../src/jobs/neurons-runs.js";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { neuronsOptionsSchema } from "../../src/options/neurons.js";
import { tempDir } from "../temp-dir.js";

let dir: string;
tempDir("actviz-runs-", (d) => (dir = d), "all");

// a 5-4-3-2 MLP with relu, tanh and no activation, as JSON
const w = (o: number, i: number, s: number) => Array.from({ length: o }, (_, r) => Array.from({ length: i }, (_, c) => Math.sin(s + 3 * r + c) * 0.9));
const model = new TextEncoder().encode(JSON.stringify({ layers: [
  { name: "fc1", weight: w(4, 5, 1), bias: [0.1, -0.2, 0.3, 0], activation: "relu" },
  { name: "fc2", weight: w(3, 4, 2), bias: [0, 0.1, -0.1], activation: "tanh" },
  { name: "out", weight: w(2, 3, 3), bias: [0.5, -0.5], activation: "none" },
] }));
const rows = 600; // more than two blocks of rows
const input = writeNpy({ shape: [rows, 5], data: Float64Array.from({ length: rows * 5 }, (_, i) => Math.cos(i * 0.37) * 2) });

async function loaded(layer: string, dtype: "f64" | "f32", softmax = false, samples?: string) {
  writeFileSync(join(dir, "m.json"), model);
  const o = neuronsOptionsSchema.parse({ weights: join(dir, "m.json"), input: "x.npy", layer, dtype, softmax, plot: "none", ...(samples ? { samples } : {}) });
  const runs = await neuronsRuns(o, async () => input);
  const out = [];
  for (const run of runs) out.push(await run.load());
  return out;
}

async function matrices(layer: string, dtype: "f64" | "f32", softmax = false): Promise<number[][]> {
  return (await loaded(layer, dtype, softmax)).map((d) => Array.from(d.matrix.data));
}

describe("neuronsRuns(--weights, --layer all)", () => {
  it.each(["f64", "f32"] as const)("each layer of --layer all (each pass starting from the previous layer's output) is the same bits as --layer N alone (%s)", async (dtype) => {
    const all = await matrices("all", dtype);
    expect(all).toHaveLength(3);
    for (const n of [1, 2, 3]) expect(all[n - 1]).toEqual((await matrices(String(n), dtype))[0]);
  });

  it("--samples: only the picked samples go through the layers; the same values and sample numbers as slicing the whole output", async () => {
    for (const [samples, from, to] of [["100:400", 100, 400], ["-50:", rows - 50, rows], [":3", 0, 3]] as const) {
      const whole = await matrices("all", "f64");
      const picked = await loaded("all", "f64", false, samples);
      picked.forEach((d, layer) => {
        const cols = d.matrix.cols;
        expect(d.firstSample).toBe(from);
        expect(d.matrix.rows).toBe(to - from);
        expect(Array.from(d.matrix.data)).toEqual(whole[layer]!.slice(from * cols, to * cols));
      });
    }
  });

  it("--layer output --softmax: probabilities of the output layer's values, rows summing to 1", async () => {
    const [logits] = await matrices("output", "f64");
    const [p] = await matrices("output", "f64", true);
    for (let r = 0; r < rows; r++) {
      const [a, b] = [logits![2 * r]!, logits![2 * r + 1]!];
      expect(p![2 * r]!).toBeCloseTo(1 / (1 + Math.exp(b - a)), 14);
      expect(p![2 * r]! + p![2 * r + 1]!).toBeCloseTo(1, 14);
    }
  });

  it("with a pass cache (render: one per manifest) a layer another figure computed is not computed again: the same values", async () => {
    writeFileSync(join(dir, "m.json"), model);
    const cache: PassCache = new Map();
    const figure = async (flags: Record<string, unknown>) => {
      const o = neuronsOptionsSchema.parse({ weights: join(dir, "m.json"), input: "x.npy", plot: "none", ...flags });
      const [run] = await neuronsRuns(o, async () => input, o.weights, cache);
      let progress = 0;
      const data = await run!.load(() => progress++);
      return { values: Array.from(data.matrix.data), progress };
    };
    const first = await figure({ layer: "2", plot: "summary" });
    expect(first.progress).toBeGreaterThan(0);
    // another figure of the same layer: other plots and neurons, the same pass flags
    const again = await figure({ layer: "2", plot: "heatmap", neurons: "0-1" });
    expect(again.progress).toBe(0);
    expect(again.values).toEqual(first.values);
    // layer 3, whose pass starts from the cached layer 2, is the same bits as a pass from the input
    const next = await figure({ layer: "3" });
    expect(next.progress).toBeGreaterThan(0);
    expect(next.values).toEqual((await matrices("3", "f64"))[0]);
    // another dtype is another pass
    expect((await figure({ layer: "2", dtype: "f32" })).progress).toBeGreaterThan(0);
  });
});
