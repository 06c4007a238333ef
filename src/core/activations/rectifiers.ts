/**
 * Rectifiers of torch.nn: relu, leaky_relu, prelu, rrelu (evaluation mode), threshold.
 * Derivatives at the kink follow PyTorch autograd: the left slope at 0 (relu'(0) = 0,
 * leaky_relu'(0) = negative_slope), and 0 at x == threshold.
 * NaN in gives NaN out for f and df (torch's relu'(NaN) is 1; we prefer NaN).
 */
import { numberParam } from "./resolve-params.js";
import type { Activation, BoundActivation } from "./types.js";

/** x for x > 0, slope·x otherwise (PyTorch's leaky_relu kernel). */
export function bindLeaky(slope: number): BoundActivation {
  return {
    f: (x) => (x > 0 ? x : x * slope),
    df: (x) => (x > 0 ? 1 : x <= 0 ? slope : x),
    range: { min: slope > 0 ? -Infinity : 0, max: Infinity },
  };
}

export const relu: Activation = {
  name: "relu",
  aliases: [],
  params: [],
  formula: "max(0, x)",
  source: "torch",
  odd: false,
  monotone: "nondecreasing",
  kinks: () => [0],
  bind: () => ({
    // x < 0 ? 0 : x keeps NaN and -0 as PyTorch does
    f: (x) => (x < 0 ? 0 : x),
    df: (x) => (x > 0 ? 1 : x <= 0 ? 0 : x),
    range: { min: 0, max: Infinity },
  }),
};

export const leakyRelu: Activation = {
  name: "leaky_relu",
  aliases: ["lrelu"],
  params: [{ name: "negative_slope", kind: "number", default: 0.01, description: "slope for x < 0" }],
  formula: "x if x > 0, else negative_slope·x",
  source: "torch",
  odd: false,
  monotone: "increasing",
  kinks: () => [0],
  bind: (p) => bindLeaky(numberParam(p, "negative_slope")),
};

export const prelu: Activation = {
  name: "prelu",
  aliases: [],
  params: [
    { name: "init", kind: "number", default: 0.25, description: "the learned slope a for x < 0 (one shared value)" },
  ],
  formula: "x if x > 0, else a·x (a = init)",
  source: "torch",
  odd: false,
  monotone: "increasing",
  kinks: () => [0],
  bind: (p) => bindLeaky(numberParam(p, "init")),
};

export const rrelu: Activation = {
  name: "rrelu",
  aliases: [],
  params: [
    { name: "lower", kind: "number", default: 1 / 8, description: "lower bound of the random slope" },
    { name: "upper", kind: "number", default: 1 / 3, description: "upper bound of the random slope" },
  ],
  formula: "x if x > 0, else (lower + upper)/2 · x (evaluation mode)",
  source: "torch",
  odd: false,
  monotone: "increasing",
  kinks: () => [0],
  bind: (p) => {
    const lower = numberParam(p, "lower");
    const upper = numberParam(p, "upper");
    if (lower > upper) {
      throw new RangeError(`rrelu: lower must not exceed upper (got lower=${lower}, upper=${upper})`);
    }
    return bindLeaky((lower + upper) / 2);
  },
};

export const threshold: Activation = {
  name: "threshold",
  aliases: [],
  params: [
    {
      name: "threshold",
      kind: "number",
      default: 0,
      description: "replace x <= threshold (PyTorch requires it; we default to 0)",
    },
    { name: "value", kind: "number", default: 0, description: "the replacement (PyTorch requires it; we default to 0)" },
  ],
  formula: "x if x > threshold, else value",
  source: "torch",
  odd: false,
  monotone: "nondecreasing",
  kinks: (p) => [numberParam(p, "threshold")],
  bind: (p) => {
    const t = numberParam(p, "threshold");
    const v = numberParam(p, "value");
    return {
      f: (x) => (x <= t ? v : x),
      df: (x) => (x > t ? 1 : x <= t ? 0 : x),
      range: { min: Math.min(t, v), max: Infinity },
    };
  },
};
