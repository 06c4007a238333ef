import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readNpy } from "../../../src/io/npy/read-npy.js";
import { prepareNeurons } from "../../../src/jobs/neurons-data.js";
import { partFile } from "../../../src/jobs/partial/part-file.js";
import { readPart } from "../../../src/jobs/partial/read-part.js";
import { neuronsOptionsSchema } from "../../../src/options/neurons.js";

const WHOLE = "fixtures/numpy/merge/whole.npy";
const tensor = readNpy(new Uint8Array(readFileSync(WHOLE)), WHOLE);

describe("partFile(data) and readPart(bytes)", () => {
  it("readPart(JSON of partFile(data)) is the part: every number survives the file", () => {
    const o = neuronsOptionsSchema.parse({ input: WHOLE, activation: "sigmoid", plot: "none" });
    const part = partFile(prepareNeurons(tensor, o, WHOLE), o, "sigmoid");
    const bytes = new TextEncoder().encode(JSON.stringify(part) + "\n");
    expect(readPart(bytes, "p.json")).toEqual(part);
  });

  it("partFile(data) counts each neuron's inactive and saturated values exactly, and its sketch holds its finite count", () => {
    const o = neuronsOptionsSchema.parse({ input: WHOLE, activation: "sigmoid", plot: "none" });
    const part = partFile(prepareNeurons(tensor, o, WHOLE), o, "sigmoid");
    const [rows, cols] = tensor.shape as [number, number];
    part.per_neuron.forEach((n, j) => {
      const values = Array.from({ length: rows }, (_, i) => Number(tensor.data[i * cols + j])).filter(Number.isFinite);
      expect(n.count).toBe(values.length);
      expect(n.inactive).toBe(values.filter((v) => v <= 0).length);
      expect(n.saturated).toBe(values.filter((v) => Math.abs(v) <= 0.01 || Math.abs(v - 1) <= 0.01).length);
      const sum = (c: number[]) => c.reduce((s, x) => s + x, 0);
      expect(n.sketch.zero + sum(n.sketch.positive.counts) + sum(n.sketch.negative.counts)).toBe(values.length);
    });
  });
});
