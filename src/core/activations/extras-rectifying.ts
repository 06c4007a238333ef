/**
 * Extras that grow without bound for x → ∞: identity, swish, quick_gelu, bent_identity, isrlu,
 * squareplus, thresholded_relu. None has a torch.nn counterpart (silu is swish with beta 1).
 */
import { SILU_MIN } from "./logistic.js";
import { bindSwish } from "./logistic-family.js";
import { numberParam } from "./resolve-params.js";
import type { Activation } from "./types.js";

export const identity: Activation = {
  name: "identity",
  aliases: ["linear"],
  params: [],
  formula: "x",
  source: "extra",
  odd: true,
  monotone: "increasing",
  kinks: () => [],
  bind: () => ({
    f: (x) => x,
    df: (x) => (x === x ? 1 : x),
    range: { min: -Infinity, max: Infinity },
  }),
};

export const swish: Activation = {
  name: "swish",
  aliases: [],
  params: [{ name: "beta", kind: "number", default: 1, description: "sharpness; 1 gives silu", constraint: "nonnegative" }],
  formula: "x · sigmoid(beta·x)",
  source: "extra",
  odd: false,
  monotone: false,
  kinks: () => [],
  bind: (p) => {
    const beta = numberParam(p, "beta");
    return { ...bindSwish(beta), range: { min: beta > 0 ? SILU_MIN / beta : -Infinity, max: Infinity } };
  },
};

const QUICK_GELU_BETA = 1.702;

export const quickGelu: Activation = {
  name: "quick_gelu",
  aliases: [],
  params: [],
  formula: "x · sigmoid(1.702·x)",
  source: "extra",
  odd: false,
  monotone: false,
  kinks: () => [],
  bind: () => ({ ...bindSwish(QUICK_GELU_BETA), range: { min: SILU_MIN / QUICK_GELU_BETA, max: Infinity } }),
};

export const bentIdentity: Activation = {
  name: "bent_identity",
  aliases: [],
  params: [],
  formula: "(√(x² + 1) − 1)/2 + x",
  source: "extra",
  odd: false,
  monotone: "increasing",
  kinks: () => [],
  bind: () => ({
    // √(x² + 1) − 1 = x²/(√(x² + 1) + 1), with hypot so that x² cannot overflow
    f: (x) => {
      if (x === Infinity || x === -Infinity) return x;
      const h = Math.hypot(x, 1);
      return 0.5 * x * (x / (h + 1)) + x;
    },
    df: (x) => {
      if (x === Infinity) return 1.5;
      if (x === -Infinity) return 0.5;
      return x / (2 * Math.hypot(x, 1)) + 1;
    },
    range: { min: -Infinity, max: Infinity },
  }),
};

export const isrlu: Activation = {
  name: "isrlu",
  aliases: [],
  params: [
    { name: "alpha", kind: "number", default: 1, description: "the limit for x → −∞ is −1/√alpha", constraint: "positive" },
  ],
  formula: "x if x ≥ 0, else x / √(1 + alpha·x²)",
  source: "extra",
  odd: false,
  monotone: "increasing",
  kinks: () => [], // f' is 1 on both sides of 0
  bind: (p) => {
    const alpha = numberParam(p, "alpha");
    return {
      f: (x) => {
        if (x >= -1) return x >= 0 ? x : x / Math.sqrt(1 + alpha * x * x);
        return -1 / Math.sqrt(1 / (x * x) + alpha); // cannot overflow
      },
      df: (x) => {
        if (x >= 0) return 1;
        const r = 1 / Math.sqrt(1 + alpha * x * x);
        return r * r * r;
      },
      range: { min: (-1 / Math.sqrt(alpha)) * (1 + 1e-15), max: Infinity },
    };
  },
};

export const squareplus: Activation = {
  name: "squareplus",
  aliases: [],
  params: [{ name: "b", kind: "number", default: 4, description: "curvature at 0; b → 0 gives relu", constraint: "positive" }],
  formula: "(x + √(x² + b)) / 2",
  source: "extra",
  odd: false,
  monotone: "increasing",
  kinks: () => [],
  bind: (p) => {
    const b = numberParam(p, "b");
    const rootB = Math.sqrt(b);
    return {
      // for x < 0: x + √(x² + b) = b/(√(x² + b) − x), free of cancellation
      f: (x) => {
        const s = Math.hypot(x, rootB);
        return x >= 0 ? (x + s) / 2 : b / (2 * (s - x));
      },
      df: (x) => {
        if (x === Infinity) return 1;
        const s = Math.hypot(x, rootB);
        return x >= 0 ? (1 + x / s) / 2 : b / (2 * s * (s - x));
      },
      range: { min: 0, max: Infinity },
    };
  },
};

export const thresholdedRelu: Activation = {
  name: "thresholded_relu",
  aliases: [],
  params: [{ name: "theta", kind: "number", default: 1, description: "x ≤ theta gives 0 (Keras ThresholdedReLU)" }],
  // same convention as torch threshold(x, theta, 0): 0 and slope 0 at x = theta
  formula: "x if x > theta, else 0",
  source: "extra",
  odd: false,
  monotone: "nondecreasing",
  kinks: (p) => [numberParam(p, "theta")],
  bind: (p) => {
    const theta = numberParam(p, "theta");
    return {
      f: (x) => (x <= theta ? 0 : x),
      df: (x) => (x > theta ? 1 : x <= theta ? 0 : x),
      range: { min: Math.min(0, theta), max: Infinity },
    };
  },
};
