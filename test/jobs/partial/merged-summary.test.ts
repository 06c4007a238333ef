import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { boxStats } from "../../../src/core/quantiles.js";
import { readNpy } from "../../../src/io/npy/read-npy.js";
import { mergeOptionsSchema } from "../../../src/options/merge.js";
import { partFile } from "../../../src/jobs/partial/part-file.js";
import { mergeParts } from "../../../src/jobs/partial/merge-parts.js";
import { mergedSummarySpec, sketchBox } from "../../../src/jobs/partial/merged-summary.js";
import { prepareNeurons } from "../../../src/jobs/neurons-data.js";
import { neuronsOptionsSchema } from "../../../src/options/neurons.js";
import type { Tensor } from "../../../src/io/tensor.js";

const WHOLE = "fixtures/numpy/merge/whole.npy";
const tensor = readNpy(new Uint8Array(readFileSync(WHOLE)), WHOLE);
const o = neuronsOptionsSchema.parse({ input: WHOLE, activation: "sigmoid", plot: "none" });
const rows = tensor.shape[0]!;
const cols = tensor.shape[1]!;

/** The part of rows [a, b) of WHOLE, as `neurons --samples a:b --partial` makes it. */
const partOf = (a: number, b: number) => partFile(prepareNeurons(tensor, { ...o, samples: `${a}:${b}` }, WHOLE), o, "sigmoid");
const merged = mergeParts([{ file: "a.json", part: partOf(0, 437) }, { file: "b.json", part: partOf(437, rows) }]);
const columnOf = (j: number) => Array.from({ length: rows }, (_, i) => Number(tensor.data[i * cols + j]));
const options = mergeOptionsSchema.parse({ parts: ["a.json", "b.json"], plot: "summary" });

describe("the summary of merged parts, from their statistics alone", () => {
  it("sketchBox(neuron) is boxStats of its values: min and max exact, quartiles within 1 % of the data's scale", () => {
    merged.neurons.forEach((n, j) => {
      const exact = boxStats(columnOf(j));
      const box = sketchBox(n, merged);
      if (Number.isNaN(exact.median)) return expect(Object.values(box).every(Number.isNaN)).toBe(true);
      expect([box.min, box.max], `neuron ${j}`).toEqual([exact.min, exact.max]);
      const scale = Math.max(Math.abs(exact.min), Math.abs(exact.max));
      for (const key of ["q1", "median", "q3"] as const) {
        expect(Math.abs(box[key] - exact[key]), `neuron ${j} ${key}: ${box[key]} vs ${exact[key]}`).toBeLessThanOrEqual(0.01 * scale);
      }
    });
  });

  it("sketchBox(neuron)'s whiskers are values of the data (within 1 %) inside 1.5 IQR of its own quartiles, never inside the box", () => {
    // not always matplotlib's very whiskers: the fences come from estimated quartiles, so a value
    // right at a fence may fall on either side of it
    merged.neurons.forEach((n, j) => {
      const values = columnOf(j).filter(Number.isFinite);
      if (values.length === 0) return;
      const box = sketchBox(n, merged);
      const iqr = box.q3 - box.q1;
      for (const w of [box.whiskerLow, box.whiskerHigh]) {
        expect(values.some((v) => Math.abs(v - w) <= 0.01 * Math.abs(v) * (1 + 1e-9)), `neuron ${j} whisker ${w}`).toBe(true);
      }
      expect(box.whiskerLow).toBeGreaterThanOrEqual(Math.min(box.q1, box.q1 - 1.5 * iqr));
      expect(box.whiskerHigh).toBeLessThanOrEqual(Math.max(box.q3, box.q3 + 1.5 * iqr));
      expect(box.whiskerLow).toBeLessThanOrEqual(box.q1);
      expect(box.whiskerHigh).toBeGreaterThanOrEqual(box.q3);
    });
  });

  it("mergedSummarySpec(...) is a summary of one box per neuron, dead ones marked, the note under the title naming the parts and the sketches", () => {
    const spec = mergedSummarySpec(merged, options, "a.json and 1 more");
    if (spec.kind !== "summary") throw new Error(`expected a summary, got ${spec.kind}`);
    expect(spec.items.map((it) => it.label)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7"]);
    expect(spec.items.map((it) => it.dead)).toEqual([false, false, false, true, false, false, false, true]);
    expect(spec.text).toEqual({ title: "Activation distribution per neuron", xLabel: "Neuron", yLabel: "Activation", note: "merged from 2 parts: quartiles and whiskers from sketches ±1 %, min and max exact" });
  });

  it("mergedSummarySpec(more than 300 neurons) draws percentile bands from the sketches, as neurons --plot summary does", () => {
    const wide: Tensor = { shape: [50, 301], dtype: "<f8", data: Float64Array.from({ length: 50 * 301 }, (_, i) => Math.sin(i)) } as Tensor;
    const wo = neuronsOptionsSchema.parse({ input: "wide.npy", plot: "none" });
    const m = mergeParts([{ file: "w.json", part: partFile(prepareNeurons(wide, wo, "wide.npy"), wo, undefined) }]);
    const spec = mergedSummarySpec(m, mergeOptionsSchema.parse({ parts: ["w.json"], plot: "summary", lang: "zh" }), "w.json");
    if (spec.kind !== "bands") throw new Error(`expected bands, got ${spec.kind}`);
    expect(spec.bands.p50).toHaveLength(301);
    expect(spec.text.note).toBe("由 1 个部分合并：百分位数来自草图（±1 %）");
  });
});
