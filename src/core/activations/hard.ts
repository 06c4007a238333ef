/**
 * The piecewise-linear "hard" functions of torch.nn: hardtanh, relu6, hardsigmoid, hardswish,
 * hardshrink, softshrink. At each boundary the derivative is the one PyTorch autograd returns:
 * 0 for hardtanh, relu6, hardsigmoid, hardshrink and softshrink. hardswish takes the right-hand
 * derivative at both knees: -0.5 at -3 (as PyTorch <= 2.6, e.g. 1.13, returns) and 1 at 3 (as
 * PyTorch >= 2.7 returns, pytorch/pytorch#148049; <= 2.6 returned 1.5 there), the values our spec fixes.
 * NaN in gives NaN out for f and df (torch's softshrink(NaN) is 0; we prefer NaN).
 */
import { numberParam } from "./resolve-params.js";
import type { Activation, BoundActivation, Params } from "./types.js";

function bindClamp(lo: number, hi: number): BoundActivation {
  return {
    f: (x) => (x <= lo ? lo : x >= hi ? hi : x),
    df: (x) => (x > lo && x < hi ? 1 : x <= lo || x >= hi ? 0 : x),
    range: { min: lo, max: hi },
  };
}

export const hardtanh: Activation = {
  name: "hardtanh",
  aliases: [],
  params: [
    { name: "min_val", kind: "number", default: -1, description: "lower end of the linear region" },
    { name: "max_val", kind: "number", default: 1, description: "upper end of the linear region" },
  ],
  formula: "min(max(x, min_val), max_val)",
  source: "torch",
  odd: true,
  monotone: "nondecreasing",
  kinks: (p) => [numberParam(p, "min_val"), numberParam(p, "max_val")],
  bind: (p) => {
    const lo = numberParam(p, "min_val");
    const hi = numberParam(p, "max_val");
    if (!(lo < hi)) {
      throw new RangeError(`hardtanh: min_val must be less than max_val (got min_val=${lo}, max_val=${hi})`);
    }
    return bindClamp(lo, hi);
  },
};

export const relu6: Activation = {
  name: "relu6",
  aliases: [],
  params: [],
  formula: "min(max(0, x), 6)",
  source: "torch",
  odd: false,
  monotone: "nondecreasing",
  kinks: () => [0, 6],
  bind: () => bindClamp(0, 6),
};

export const hardsigmoid: Activation = {
  name: "hardsigmoid",
  aliases: [],
  params: [],
  formula: "min(max(x + 3, 0), 6) / 6",
  source: "torch",
  odd: false,
  monotone: "nondecreasing",
  kinks: () => [-3, 3],
  bind: () => ({
    // PyTorch's own form, so the interior matches it bit for bit
    f: (x) => {
      const t = x + 3;
      return (t <= 0 ? 0 : t >= 6 ? 6 : t) / 6;
    },
    df: (x) => (x > -3 && x < 3 ? 1 / 6 : x <= -3 || x >= 3 ? 0 : x),
    range: { min: 0, max: 1 },
  }),
};

export const hardswish: Activation = {
  name: "hardswish",
  aliases: [],
  params: [],
  formula: "x · min(max(x + 3, 0), 6) / 6",
  source: "torch",
  odd: false,
  monotone: false,
  kinks: () => [-3, 3],
  bind: () => ({
    // the branches give 0 (not NaN) at -Infinity, where PyTorch computes -Infinity·0
    f: (x) => (x <= -3 ? 0 : x >= 3 ? x : (x * (x + 3)) / 6),
    df: (x) => (x < -3 ? 0 : x < 3 ? x / 3 + 0.5 : x >= 3 ? 1 : x),
    range: { min: -0.375, max: Infinity },
  }),
};

/** The parameter of hardshrink and softshrink. */
const LAMBD = { name: "lambd", kind: "number", default: 0.5, description: "half-width of the zero band", constraint: "nonnegative" } as const;

/** The kinks of hardshrink and softshrink: ±lambd (one point when lambd is 0). */
function shrinkKinks(p: Params): number[] {
  const l = numberParam(p, "lambd");
  return l === 0 ? [0] : [-l, l];
}

export const hardshrink: Activation = {
  name: "hardshrink",
  aliases: [],
  params: [LAMBD],
  formula: "0 if |x| ≤ lambd, else x",
  source: "torch",
  odd: true,
  monotone: "nondecreasing",
  kinks: shrinkKinks,
  bind: (p) => {
    const l = numberParam(p, "lambd");
    return {
      f: (x) => (x >= -l && x <= l ? 0 : x),
      df: (x) => (x >= -l && x <= l ? 0 : x < -l || x > l ? 1 : x),
      range: { min: -Infinity, max: Infinity },
    };
  },
};

export const softshrink: Activation = {
  name: "softshrink",
  aliases: [],
  params: [LAMBD],
  formula: "x − lambd if x > lambd, x + lambd if x < −lambd, else 0",
  source: "torch",
  odd: true,
  monotone: "nondecreasing",
  kinks: shrinkKinks,
  bind: (p) => {
    const l = numberParam(p, "lambd");
    return {
      f: (x) => (x > l ? x - l : x < -l ? x + l : x >= -l ? 0 : x),
      df: (x) => (x > l || x < -l ? 1 : x >= -l ? 0 : x),
      range: { min: -Infinity, max: Infinity },
    };
  },
};
