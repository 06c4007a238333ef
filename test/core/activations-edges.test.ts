/**
 * Exact tables: f and f' of every activation (default parameters) at 0, ±Infinity and NaN;
 * the derivative at every kink as PyTorch autograd gives it; signed zeros; and tails where a
 * naive formula would overflow, cancel or underflow (true values from mpmath, 40 digits).
 */
import { describe, expect, it } from "vitest";
import { activations, findActivation, resolveParams } from "../../src/core/activations/index.js";
import type { BoundActivation, ParamValue } from "../../src/core/activations/index.js";

function bound(name: string, params: Record<string, ParamValue> = {}): BoundActivation {
  const act = findActivation(name);
  if (act === undefined) throw new Error(`no activation ${name}`);
  return act.bind(resolveParams(act, params));
}

/** Equal as numbers (0 and -0 alike; NaN only equals NaN). */
function same(actual: number, expected: number): boolean {
  return Number.isNaN(expected) ? Number.isNaN(actual) : actual === expected;
}

const I = Infinity;
const SELU_NEG = 1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;
// name: [f(0), f'(0), f(∞), f(-∞), f'(∞), f'(-∞)]
const TABLE: Record<string, readonly [number, number, number, number, number, number]> = {
  elu: [0, 1, I, -1, 1, 0],
  hardshrink: [0, 0, I, -I, 1, 1],
  hardtanh: [0, 1, 1, -1, 0, 0],
  hardsigmoid: [0.5, 1 / 6, 1, 0, 0, 0],
  hardswish: [0, 0.5, I, 0, 1, 0],
  leaky_relu: [0, 0.01, I, -I, 1, 0.01],
  logsigmoid: [-Math.LN2, 0.5, 0, -I, 0, 1],
  prelu: [0, 0.25, I, -I, 1, 0.25],
  relu: [0, 0, I, 0, 1, 0],
  relu6: [0, 0, 6, 0, 0, 0],
  rrelu: [0, (1 / 8 + 1 / 3) / 2, I, -I, 1, (1 / 8 + 1 / 3) / 2],
  selu: [0, SELU_NEG, I, -SELU_NEG, 1.0507009873554805, 0],
  silu: [0, 0.5, I, 0, 1, 0],
  mish: [0, 0.6, I, 0, 1, 0],
  celu: [0, 1, I, -1, 1, 0],
  gelu: [0, 0.5, I, 0, 1, 0],
  sigmoid: [0.5, 0.25, 1, 0, 0, 0],
  softplus: [Math.LN2, 0.5, I, 0, 1, 0],
  softshrink: [0, 0, I, -I, 1, 1],
  softsign: [0, 1, 1, -1, 0, 0],
  tanh: [0, 1, 1, -1, 0, 0],
  tanhshrink: [0, 0, I, -I, 1, 1],
  threshold: [0, 0, I, 0, 1, 0],
  identity: [0, 1, I, -I, 1, 1],
  binary_step: [1, 0, 1, 0, 0, 0],
  swish: [0, 0.5, I, 0, 1, 0],
  quick_gelu: [0, 0.5, I, 0, 1, 0],
  arctan: [0, 1, Math.PI / 2, -Math.PI / 2, 0, 0],
  bent_identity: [0, 1, I, -I, 1.5, 0.5],
  gaussian: [1, 0, 0, 0, 0, 0],
  sinc: [1, 0, 0, 0, 0, 0],
  sqnl: [0, 1, 1, -1, 0, 0],
  isru: [0, 1, 1, -1, 0, 0],
  isrlu: [0, 1, I, -1, 1, 0],
  elliott: [0.5, 0.5, 1, 0, 0, 0],
  squareplus: [1, 0.5, I, 0, 1, 0],
  erf: [0, 1.1283791670955126, 1, -1, 0, 0],
  soft_exponential: [0, 1, I, -I, 1, 1],
  thresholded_relu: [0, 0, I, 0, 1, 0],
};

describe("edge values with default parameters", () => {
  it("the table lists every activation", () => {
    expect(Object.keys(TABLE).sort()).toEqual(activations.map((a) => a.name).sort());
  });
  for (const [name, [f0, df0, fInf, fNegInf, dfInf, dfNegInf]] of Object.entries(TABLE)) {
    it(`${name}(0) = ${f0} and ${name}'(0) = ${df0}`, () => {
      const a = bound(name);
      expect(same(a.f(0), f0), `f(0) = ${a.f(0)}`).toBe(true);
      expect(same(a.df(0), df0), `df(0) = ${a.df(0)}`).toBe(true);
    });
    it(`${name}(±Infinity) = ${fInf}, ${fNegInf}`, () => {
      const a = bound(name);
      expect(same(a.f(I), fInf), `f(∞) = ${a.f(I)}`).toBe(true);
      expect(same(a.f(-I), fNegInf), `f(-∞) = ${a.f(-I)}`).toBe(true);
    });
    it(`${name}'(±Infinity) = ${dfInf}, ${dfNegInf}`, () => {
      const a = bound(name);
      expect(same(a.df(I), dfInf), `df(∞) = ${a.df(I)}`).toBe(true);
      expect(same(a.df(-I), dfNegInf), `df(-∞) = ${a.df(-I)}`).toBe(true);
    });
    it(`${name}(NaN) and ${name}'(NaN) are NaN`, () => {
      const a = bound(name);
      expect(a.f(NaN)).toBeNaN();
      expect(a.df(NaN)).toBeNaN();
    });
  }
});

describe("derivatives at kinks follow PyTorch autograd", () => {
  // [name, params, x, df(x)]; hardswish: right-hand derivative at both knees (-0.5 at -3 as
  // PyTorch <= 2.6, 1 at 3 as PyTorch >= 2.7, pytorch/pytorch#148049)
  const KINKS: Array<[string, Record<string, ParamValue>, number, number]> = [
    ["relu", {}, 0, 0],
    ["leaky_relu", {}, 0, 0.01],
    ["leaky_relu", { negative_slope: 0.2 }, 0, 0.2],
    ["prelu", {}, 0, 0.25],
    ["rrelu", {}, 0, 0.22916666666666666],
    ["elu", {}, 0, 1],
    ["elu", { alpha: 2 }, 0, 2],
    ["celu", { alpha: 2 }, 0, 1],
    ["selu", {}, 0, SELU_NEG],
    ["hardtanh", {}, -1, 0],
    ["hardtanh", {}, 1, 0],
    ["relu6", {}, 0, 0],
    ["relu6", {}, 6, 0],
    ["hardsigmoid", {}, -3, 0],
    ["hardsigmoid", {}, 3, 0],
    ["hardswish", {}, -3, -0.5],
    ["hardswish", {}, 3, 1],
    ["softshrink", {}, -0.5, 0],
    ["softshrink", {}, 0.5, 0],
    ["hardshrink", {}, -0.5, 0],
    ["hardshrink", {}, 0.5, 0],
    ["threshold", {}, 0, 0],
    ["threshold", { threshold: 1, value: 2 }, 1, 0],
    ["thresholded_relu", {}, 1, 0],
    ["binary_step", {}, 0, 0],
    ["softplus", {}, 20.000000000000004, 1],
  ];
  for (const [name, params, x, expected] of KINKS) {
    const args = Object.entries(params).map(([k, v]) => `, ${k}=${String(v)}`).join("");
    it(`${name}'(${x}${args}) = ${expected}`, () => {
      expect(bound(name, params).df(x)).toBe(expected);
    });
  }
  it("softplus'(20) = sigmoid(20) ≈ 1 - 2.06e-9, below PyTorch's threshold", () => {
    expect(bound("softplus").df(20)).toBeCloseTo(0.9999999979388464, 15);
  });
  it("softplus(20) = log1p(e^20) but softplus(20 + ulp) = 20 + ulp, as in PyTorch", () => {
    const a = bound("softplus");
    expect(a.f(20)).toBe(20.000000002061153);
    expect(a.f(20.000000000000004)).toBe(20.000000000000004);
  });
  it("hardshrink(±lambd) = 0 while hardshrink(lambd + ulp) = lambd + ulp", () => {
    const a = bound("hardshrink");
    expect([a.f(-0.5), a.f(0.5), a.f(0.5000000000000001)]).toEqual([0, 0, 0.5000000000000001]);
  });
  it("binary_step(0) = 1 and binary_step(-tiny) = 0", () => {
    const a = bound("binary_step");
    expect([a.f(0), a.f(-0), a.f(-5e-324)]).toEqual([1, 1, 0]);
  });
});

describe("signed zero", () => {
  for (const name of ["relu", "leaky_relu", "identity", "tanh", "softsign", "hardtanh", "mish", "elu"]) {
    it(`${name}(-0) is -0`, () => {
      expect(Object.is(bound(name).f(-0), -0)).toBe(true);
    });
  }
});

it("gelu(-30) = -1.472014178144456e-196 to 1e-12 relative (erfc's own conditioning, 2x²·ε)", () => {
  expect(Math.abs(bound("gelu").f(-30) / -1.472014178144456e-196 - 1)).toBeLessThanOrEqual(1e-12);
});

describe("tails without overflow, underflow to NaN or cancellation", () => {
  // [name, params, x, true f(x) or f'(x) from mpmath, which]
  const TAILS: Array<[string, Record<string, ParamValue>, number, number, "f" | "df"]> = [
    ["sigmoid", {}, -700, 9.85967654375977e-305, "f"],
    ["sigmoid", {}, 40, 4.248354255291589e-18, "df"],
    ["logsigmoid", {}, 40, -4.248354255291589e-18, "f"],
    ["softplus", {}, -40, 4.248354255291589e-18, "f"],
    ["tanh", {}, 20, 1.6993417021166355e-17, "df"],
    ["gelu", {}, -10, -7.619853024160526e-23, "f"],
    ["gelu", { approximate: "tanh" }, -10, -1.2040923482098103e-37, "f"],
    ["silu", {}, -700, -6.90177358063184e-302, "f"],
    ["mish", {}, -40, -1.6993417021166355e-16, "f"],
    ["elu", {}, -1e-20, -1e-20, "f"],
    ["squareplus", {}, -1e8, 9.999999999999999e-9, "f"],
    ["elliott", {}, -1e8, 4.99999995e-9, "f"],
    ["sinc", {}, 1e-3, 0.9999998333333416, "f"],
    ["sinc", {}, 1e-3, -0.0003333333000000012, "df"],
    ["sinc", {}, 0.49, 0.9604609962676695, "f"],
    ["sinc", {}, 0.49, -0.15944517889295504, "df"],
    ["softplus", { threshold: 1000 }, 800, 800, "f"],
    ["tanhshrink", {}, 1e-9, 3.3333333333333338e-28, "f"],
    ["tanhshrink", {}, 1e-3, 3.33333200000054e-10, "f"],
    ["tanhshrink", {}, 0.05, 4.162504212002781e-5, "f"],
    ["tanhshrink", {}, 0.0999, 0.0003310129905879509, "f"],
    ["tanhshrink", {}, -0.07, -0.00011410968357101414, "f"],
    ["isru", {}, 1e200, 1, "f"],
    ["isrlu", {}, -1e200, -1, "f"],
    ["bent_identity", {}, -1e300, -5e299, "f"],
    ["squareplus", {}, -1e300, 1e-300, "f"],
    ["elu", {}, -1e300, -1, "f"],
    ["mish", {}, 1e300, 1e300, "f"],
    ["gelu", { approximate: "tanh" }, 1e300, 1, "df"],
  ];
  for (const [name, params, x, expected, which] of TAILS) {
    const args = Object.entries(params).map(([k, v]) => `, ${k}=${String(v)}`).join("");
    it(`${name}${which === "df" ? "'" : ""}(${x}${args}) = ${expected} to 1e-14 relative`, () => {
      const a = bound(name, params);
      const actual = which === "f" ? a.f(x) : a.df(x);
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-14 * Math.abs(expected));
    });
  }
});

it("tanhshrink(4.0111778256557395e-9) > 0 although Math.tanh rounds that x up past itself", () => {
  expect(bound("tanhshrink").f(4.0111778256557395e-9)).toBeGreaterThan(0);
});
