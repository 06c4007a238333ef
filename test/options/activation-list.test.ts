import { describe, expect, it } from "vitest";
import { parseActivationList } from "../../src/options/activation-list.js";

describe("parseActivationList(spec)", () => {
  it("parseActivationList('relu') is one function with its complete parameters", () => {
    expect(parseActivationList("relu")).toEqual([{ name: "relu", params: {} }]);
  });

  it("parseActivationList('leaky_relu:negative_slope=0.2,tanh,none') gives one per layer, parameters typed", () => {
    expect(parseActivationList("leaky_relu:negative_slope=0.2,tanh,none")).toEqual([
      { name: "leaky_relu", params: { negative_slope: 0.2 } },
      { name: "tanh", params: {} },
      { name: "none", params: {} },
    ]);
  });

  it("parseActivationList('hardtanh:min_val=-2,max_val=2,relu'): an item with = and no : continues the parameters", () => {
    expect(parseActivationList("hardtanh:min_val=-2,max_val=2,relu")).toEqual([
      { name: "hardtanh", params: { min_val: -2, max_val: 2 } },
      { name: "relu", params: {} },
    ]);
  });

  it("unknown functions, parameters and values are one-line errors", () => {
    expect(() => parseActivationList("rleu")).toThrow("unknown function 'rleu' (did you mean 'relu'? expected a name from 'actviz list', or none)");
    expect(() => parseActivationList("relu:alpha=1")).toThrow("relu has no parameter 'alpha'");
    expect(() => parseActivationList("elu:alpha=x")).toThrow(/elu: alpha must be finite \(expected a number\)/);
    expect(() => parseActivationList("relu,,tanh")).toThrow(/empty item/);
    expect(() => parseActivationList("alpha=1")).toThrow(/parameter without a function/);
  });
});
