/**
 * The logistic family of torch.nn: sigmoid, logsigmoid, softplus, silu, mish. All are computed
 * in forms that stay finite and accurate for every finite x (see logistic.ts); at ±Infinity
 * they return the limits where PyTorch sometimes returns NaN (silu(−∞), mish(±∞)').
 */
import { SILU_MIN, log1pExp, logistic, logisticSlope } from "./logistic.js";
import { numberParam } from "./resolve-params.js";
import type { Activation } from "./types.js";

/** The minimum of mish, at x ≈ -1.1924312, rounded outward. */
const MISH_MIN = -0.30884341301725043 * (1 + 1e-15);

export const sigmoid: Activation = {
  name: "sigmoid",
  aliases: ["logistic"],
  params: [],
  formula: "1 / (1 + e⁻ˣ)",
  source: "torch",
  odd: false,
  monotone: "increasing",
  kinks: () => [],
  bind: () => ({ f: logistic, df: logisticSlope, range: { min: 0, max: 1 } }),
};

export const logsigmoid: Activation = {
  name: "logsigmoid",
  aliases: [],
  params: [],
  formula: "log(1 / (1 + e⁻ˣ)) = −softplus(−x)",
  source: "torch",
  odd: false,
  monotone: "increasing",
  kinks: () => [],
  bind: () => ({
    f: (x) => -log1pExp(-x),
    df: (x) => logistic(-x),
    range: { min: -Infinity, max: 0 },
  }),
};

export const softplus: Activation = {
  name: "softplus",
  aliases: [],
  params: [
    { name: "beta", kind: "number", default: 1, description: "sharpness", constraint: "positive" },
    {
      name: "threshold",
      kind: "number",
      default: 20,
      description: "above beta·x > threshold the result is x (as in PyTorch)",
    },
  ],
  formula: "log(1 + e^(beta·x)) / beta, x where beta·x > threshold",
  source: "torch",
  odd: false,
  monotone: "increasing",
  // PyTorch switches to x above the threshold: f jumps by log1p(e^-threshold)/beta there
  kinks: (p) => [numberParam(p, "threshold") / numberParam(p, "beta")],
  bind: (p) => {
    const beta = numberParam(p, "beta");
    const t = numberParam(p, "threshold");
    return {
      f: (x) => {
        const z = x * beta;
        return z > t ? x : log1pExp(z) / beta;
      },
      df: (x) => {
        const z = x * beta;
        return z > t ? 1 : logistic(z);
      },
      range: { min: Math.min(0, t / beta), max: Infinity },
    };
  },
};

/** x·logistic(beta·x) and its derivative; beta = 1 is silu, 1.702 is quick_gelu. */
export function bindSwish(beta: number): { f(x: number): number; df(x: number): number } {
  return {
    f: (x) => (x === -Infinity ? (beta > 0 ? -0 : x) : x * logistic(beta * x)),
    df: (x) => {
      if (x === Infinity) return beta > 0 ? 1 : 0.5;
      if (x === -Infinity) return beta > 0 ? 0 : 0.5;
      const z = beta * x;
      if (z === Infinity || z === -Infinity) return z > 0 ? 1 : 0; // beta·x overflowed
      // s + z·s·(1 − s), with s·(1 − s) taken without cancellation
      return logistic(z) + z * logisticSlope(z);
    },
  };
}

export const silu: Activation = {
  name: "silu",
  aliases: [],
  params: [],
  formula: "x · sigmoid(x)",
  source: "torch",
  odd: false,
  monotone: false,
  kinks: () => [],
  bind: () => ({ ...bindSwish(1), range: { min: SILU_MIN, max: Infinity } }),
};

export const mish: Activation = {
  name: "mish",
  aliases: [],
  params: [],
  formula: "x · tanh(softplus(x))",
  source: "torch",
  odd: false,
  monotone: false,
  kinks: () => [],
  bind: () => ({
    f: (x) => {
      if (x > 20) return x; // tanh(softplus(x)) rounds to 1
      if (x === -Infinity) return -0;
      // tanh(log(1 + e)) = n / (n + 2) with n = e·(e + 2): no cancellation for x < 0
      const e = Math.exp(x);
      const n = e * (e + 2);
      return (x * n) / (n + 2);
    },
    df: (x) => {
      if (x > 20) return x === Infinity ? 1 : 1 + 4 * (x * Math.exp(-2 * x)); // sech²(sp) ≈ 4e^(-2x), sigmoid(x) ≈ 1
      if (x === -Infinity) return 0;
      const e = Math.exp(x);
      const n = e * (e + 2);
      const d = n + 2;
      // tanh(sp) + x·sigmoid(x)·sech²(sp), sech²(sp) = 4(n + 1)/(n + 2)²
      return n / d + (x * logistic(x) * 4 * (n + 1)) / (d * d);
    },
    range: { min: MISH_MIN, max: Infinity },
  }),
};
