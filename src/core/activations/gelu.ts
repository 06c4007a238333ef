/**
 * GELU, exact (Φ via erfc) or with PyTorch's tanh approximation.
 *
 * Exact: f = x·Φ(x) with Φ(x) = erfc(−x/√2)/2, which keeps relative precision for x ≪ 0 where
 * 1 + erf(x/√2) cancels to 0; f' = Φ(x) + x·φ(x).
 * tanh: f = x·(1 + tanh(u))/2 = x·sigmoid(2u), u = √(2/π)·(x + 0.044715x³), again without the
 * cancellation of 1 + tanh(u) for x ≪ 0.
 */
import { erfc } from "../special-functions.js";
import { logistic, logisticSlope } from "./logistic.js";
import { choiceParam } from "./resolve-params.js";
import type { Activation, BoundActivation } from "./types.js";

const SQRT1_2 = Math.SQRT1_2;
/** 1/√(2π) */
const INV_SQRT_2PI = 0.3989422804014327;
/** √(2/π), as PyTorch forms it: M_SQRT2 · M_2_SQRTPI · 0.5 */
const K_BETA = 1.4142135623730951 * 1.1283791670955126 * 0.5;
const K_KAPPA = 0.044715;
/** Minima of the two forms (at x ≈ -0.75179 and -0.75246), rounded outward. */
const GELU_MIN = -0.16997120747990366 * (1 + 1e-15);
const GELU_TANH_MIN = -0.17004075057125406 * (1 + 1e-15);

const exact: BoundActivation = {
  f: (x) => (x === -Infinity ? -0 : 0.5 * x * erfc(-x * SQRT1_2)),
  df: (x) => {
    if (x === Infinity) return 1;
    if (x === -Infinity) return 0;
    return 0.5 * erfc(-x * SQRT1_2) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  },
  range: { min: GELU_MIN, max: Infinity },
};

// Beyond |x| > 1e4 the sigmoid of 2u is exactly 0 or 1 and the x³ terms would overflow.
const tanhForm: BoundActivation = {
  f: (x) => {
    if (x > 1e4) return x;
    if (x < -1e4) return -0;
    return x * logistic(2 * K_BETA * (x + K_KAPPA * x * x * x));
  },
  df: (x) => {
    if (x > 1e4) return 1;
    if (x < -1e4) return 0;
    const z = 2 * K_BETA * (x + K_KAPPA * x * x * x);
    // d/dx x·s(z) = s(z) + x·s(z)(1 − s(z))·z'
    const dz = 2 * K_BETA * (1 + 3 * K_KAPPA * x * x);
    return logistic(z) + x * logisticSlope(z) * dz;
  },
  range: { min: GELU_TANH_MIN, max: Infinity },
};

export const gelu: Activation = {
  name: "gelu",
  aliases: [],
  params: [
    {
      name: "approximate",
      kind: "choice",
      default: "none",
      choices: ["none", "tanh"],
      description: "'none' for x·Φ(x), 'tanh' for the tanh approximation",
    },
  ],
  formula: "x·Φ(x) = x·(1 + erf(x/√2))/2; tanh: x·(1 + tanh(√(2/π)(x + 0.044715x³)))/2",
  source: "torch",
  odd: false,
  monotone: false,
  kinks: () => [],
  bind: (p) => (choiceParam(p, "approximate") === "tanh" ? tanhForm : exact),
};
