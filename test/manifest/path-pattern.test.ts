import { describe, expect, it } from "vitest";
import { DIGITS } from "../../src/jobs/neurons-names.js";
import { patternsOverlap } from "../../src/manifest/path-pattern.js";

const n = DIGITS;

describe("patternsOverlap(a, b)", () => {
  const cases: [string, string, boolean][] = [
    ["figs/relu.png", "figs/relu.png", true],
    ["figs/relu.png", "figs/tanh.png", false],
    [`figs/neuron-${n}.png`, "figs/neuron-007.png", true],
    [`figs/neuron-${n}.png`, "figs/neuron-.png", false],
    [`figs/neuron-${n}.png`, "figs/neuron-grid.png", false],
    [`figs/neuron-${n}.png`, `figs/neuron-grid-${n}.png`, false],
    [`figs/neuron-grid-${n}.png`, "figs/neuron-grid-2.png", true],
    [`figs/neuron-${n}.png`, `figs/neuron-${n}.svg`, false],
    [`figs/neuron-${n}.png`, `figs/neuron-${n}.png`, true],
    [`w/layer-${n}/neuron-${n}.png`, `w/layer-2/neuron-${n}.png`, true],
    [`w/layer-${n}/heatmap.png`, "w/layer-12/heatmap.png", true],
    [`w/layer-${n}/heatmap.png`, "w/heatmap.png", false],
    [`w/layer-${n}/heatmap.png`, "w/layer-1x/heatmap.png", false],
    [`a/x-${n}${n}.png`, "a/x-7.png", false],
    [`a/x-${n}${n}.png`, "a/x-77.png", true],
  ];
  for (const [a, b, overlap] of cases) {
    const shown = (p: string) => p.split(DIGITS).join("<n>");
    it(`patternsOverlap('${shown(a)}', '${shown(b)}') is ${overlap}, and so with the two swapped`, () => {
      expect(patternsOverlap(a, b)).toBe(overlap);
      expect(patternsOverlap(b, a)).toBe(overlap);
    });
  }
});
