/**
 * Extras that saturate on both sides: binary_step, arctan, elliott, isru, sqnl, erf.
 * None has a torch.nn counterpart; conventions are stated beside each.
 */
import { erf as erfFn } from "../special-functions.js";
import { numberParam } from "./resolve-params.js";
import type { Activation } from "./types.js";

/** 2/√π */
const TWO_OVER_SQRT_PI = 1.1283791670955126;

export const binaryStep: Activation = {
  name: "binary_step",
  aliases: ["step", "heaviside"],
  params: [],
  // convention: 1 at x = 0 (numpy.heaviside(x, 1)); derivative 0 everywhere, also at 0,
  // as PyTorch autograd gives for sign and other step functions
  formula: "0 if x < 0, else 1 (1 at 0; derivative taken as 0)",
  source: "extra",
  odd: false,
  monotone: "nondecreasing",
  kinks: () => [0],
  bind: () => ({
    f: (x) => (x >= 0 ? 1 : x < 0 ? 0 : x),
    df: (x) => (x === x ? 0 : x),
    range: { min: 0, max: 1 },
  }),
};

export const arctan: Activation = {
  name: "arctan",
  aliases: ["atan"],
  params: [],
  formula: "arctan(x)",
  source: "extra",
  odd: true,
  monotone: "increasing",
  kinks: () => [],
  bind: () => ({
    f: Math.atan,
    df: (x) => 1 / (1 + x * x),
    range: { min: -Math.PI / 2, max: Math.PI / 2 },
  }),
};

export const elliott: Activation = {
  name: "elliott",
  aliases: [],
  params: [],
  formula: "x / (2(1 + |x|)) + 1/2 (Elliott 1993, FANN's ELLIOT; the symmetric form is softsign)",
  source: "extra",
  odd: false,
  monotone: "increasing",
  kinks: () => [],
  bind: () => ({
    // rewritten per side so that nothing cancels: 1/(2(1 − x)) for x < 0, 1 − 1/(2(1 + x)) else
    f: (x) => (x < 0 ? 1 / (2 * (1 - x)) : 1 - 1 / (2 * (1 + x))),
    df: (x) => {
      const d = 1 + Math.abs(x);
      return 1 / (2 * d * d);
    },
    range: { min: 0, max: 1 },
  }),
};

export const isru: Activation = {
  name: "isru",
  aliases: [],
  params: [{ name: "alpha", kind: "number", default: 1, description: "the limits are ±1/√alpha", constraint: "positive" }],
  formula: "x / √(1 + alpha·x²)",
  source: "extra",
  odd: true,
  monotone: "increasing",
  kinks: () => [],
  bind: (p) => {
    const alpha = numberParam(p, "alpha");
    const limit = 1 / Math.sqrt(alpha);
    return {
      // for |x| > 1: sign(x)/√(1/x² + alpha), which cannot overflow
      f: (x) => {
        if (Math.abs(x) <= 1) return x / Math.sqrt(1 + alpha * x * x);
        return (x > 0 ? 1 : -1) / Math.sqrt(1 / (x * x) + alpha);
      },
      df: (x) => {
        const r = 1 / Math.sqrt(1 + alpha * x * x);
        return r * r * r;
      },
      range: { min: -limit * (1 + 1e-15), max: limit * (1 + 1e-15) },
    };
  },
};

export const sqnl: Activation = {
  name: "sqnl",
  aliases: [],
  params: [],
  formula: "sign(x) if |x| > 2, else x − sign(x)·x²/4",
  source: "extra",
  odd: true,
  monotone: "nondecreasing",
  kinks: () => [], // f' is continuous (0 at ±2); only f'' jumps
  bind: () => ({
    f: (x) => (x > 2 ? 1 : x < -2 ? -1 : x >= 0 ? x - (x * x) / 4 : x < 0 ? x + (x * x) / 4 : x),
    df: (x) => (x > 2 || x < -2 ? 0 : x >= -2 ? 1 - Math.abs(x) / 2 : x),
    range: { min: -1, max: 1 },
  }),
};

export const erf: Activation = {
  name: "erf",
  aliases: [],
  params: [],
  formula: "erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt",
  source: "extra",
  odd: true,
  monotone: "increasing",
  kinks: () => [],
  bind: () => ({
    f: erfFn,
    df: (x) => TWO_OVER_SQRT_PI * Math.exp(-x * x),
    range: { min: -1, max: 1 },
  }),
};
