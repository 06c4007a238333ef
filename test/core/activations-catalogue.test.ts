/** The catalogue's shape: names, aliases, parameters, formulas, and what bind returns. */
import { describe, expect, it } from "vitest";
import { activations, resolveParams } from "../../src/core/activations/index.js";

const TORCH = [
  "elu", "hardshrink", "hardtanh", "hardsigmoid", "hardswish", "leaky_relu", "logsigmoid", "prelu",
  "relu", "relu6", "rrelu", "selu", "silu", "mish", "celu", "gelu", "sigmoid", "softplus",
  "softshrink", "softsign", "tanh", "tanhshrink", "threshold",
];
const EXTRA = [
  "identity", "binary_step", "swish", "quick_gelu", "arctan", "bent_identity", "gaussian", "sinc",
  "sqnl", "isru", "isrlu", "elliott", "squareplus", "erf", "soft_exponential", "thresholded_relu",
];

describe("activations", () => {
  it("activations lists every torch.nn elementwise activation, then the extras, in a stable order", () => {
    expect(activations.map((a) => a.name)).toEqual([...TORCH, ...EXTRA]);
  });
  it("activations marks the torch ones source 'torch' and the rest 'extra'", () => {
    for (const a of activations) expect(a.source, a.name).toBe(TORCH.includes(a.name) ? "torch" : "extra");
  });
  it("activations is frozen", () => {
    expect(Object.isFrozen(activations)).toBe(true);
  });
  it("names and aliases are snake_case and unique across the catalogue", () => {
    const all = activations.flatMap((a) => [a.name, ...a.aliases]);
    for (const n of all) expect(n).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    expect(new Set(all).size).toBe(all.length);
  });
  it("the agreed aliases resolve to their activations", () => {
    const aliasOf = (n: string) => activations.find((a) => a.aliases.includes(n))?.name;
    expect([aliasOf("lrelu"), aliasOf("logistic"), aliasOf("linear"), aliasOf("step"), aliasOf("heaviside")]).toEqual(
      ["leaky_relu", "sigmoid", "identity", "binary_step", "binary_step"],
    );
  });
  it("formulas are one non-empty line", () => {
    for (const a of activations) expect(a.formula, a.name).toMatch(/^[^\n]+$/);
  });
  it("parameters have unique names, descriptions, and defaults of their kind", () => {
    for (const a of activations) {
      expect(new Set(a.params.map((p) => p.name)).size, a.name).toBe(a.params.length);
      for (const p of a.params) {
        expect(p.description.length, `${a.name}.${p.name}`).toBeGreaterThan(0);
        if (p.kind === "number") expect(typeof p.default, `${a.name}.${p.name}`).toBe("number");
        else expect(p.choices, `${a.name}.${p.name}`).toContain(p.default);
      }
    }
  });
  it("PyTorch's parameter names and defaults are used", () => {
    const defaults = Object.fromEntries(activations.map((a) => [a.name, resolveParams(a, {})]));
    expect(defaults).toMatchObject({
      elu: { alpha: 1 },
      hardshrink: { lambd: 0.5 },
      hardtanh: { min_val: -1, max_val: 1 },
      leaky_relu: { negative_slope: 0.01 },
      prelu: { init: 0.25 },
      rrelu: { lower: 1 / 8, upper: 1 / 3 },
      celu: { alpha: 1 },
      gelu: { approximate: "none" },
      softplus: { beta: 1, threshold: 20 },
      softshrink: { lambd: 0.5 },
      threshold: { threshold: 0, value: 0 },
      swish: { beta: 1 },
      isru: { alpha: 1 },
      isrlu: { alpha: 1 },
      squareplus: { b: 4 },
      soft_exponential: { alpha: 0 },
      thresholded_relu: { theta: 1 },
    });
  });
  it("threshold's descriptions say PyTorch requires both parameters", () => {
    const t = activations.find((a) => a.name === "threshold")!;
    for (const p of t.params) expect(p.description).toMatch(/PyTorch requires/);
  });
  it("bind(defaults) returns f, df and a range for every activation", () => {
    for (const a of activations) {
      const b = a.bind(resolveParams(a, {}));
      expect(typeof b.f, a.name).toBe("function");
      expect(typeof b.df, a.name).toBe("function");
      expect(b.range.min, a.name).toBeLessThan(b.range.max);
    }
  });
});
