import { describe, expect, it } from "vitest";
import { globRegExp } from "../../src/manifest/glob-match.js";

const matches = (glob: string, path: string) => globRegExp(glob).test(path);

describe("globRegExp(glob)", () => {
  it("globRegExp('*.png') matches a name in the top folder only", () => {
    expect(matches("*.png", "relu.png")).toBe(true);
    expect(matches("*.png", "figs/relu.png")).toBe(false);
  });
  it("globRegExp('figs/**') matches every path under figs", () => {
    expect(matches("figs/**", "figs/a/b/relu.svg")).toBe(true);
    expect(matches("figs/**", "other/relu.svg")).toBe(false);
  });
  it("globRegExp('**/zh/*.png') matches zh at any depth, including the top", () => {
    expect(matches("**/zh/*.png", "zh/sigmoid.png")).toBe(true);
    expect(matches("**/zh/*.png", "docs/images/zh/sigmoid.png")).toBe(true);
  });
  it("globRegExp('?') is one character and {a,b} either; dots and = are literal", () => {
    expect(matches("neuron-00?.{png,svg}", "neuron-005.svg")).toBe(true);
    expect(matches("neuron-00?.{png,svg}", "neuron-005.pdf")).toBe(false);
    expect(matches("elu_alpha=0.5,1,2.png", "elu_alpha=0.5,1,2.png")).toBe(true);
    expect(matches("elu_alpha=0.5,1,2.png", "elu_alpha=0x5,1,2.png")).toBe(false);
  });
});
