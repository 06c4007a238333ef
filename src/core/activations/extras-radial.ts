/** Extras that are even and decay on both sides: gaussian and sinc. */
import type { Activation } from "./types.js";

export const gaussian: Activation = {
  name: "gaussian",
  aliases: [],
  params: [],
  formula: "e^(−x²)",
  source: "extra",
  odd: false,
  monotone: false,
  kinks: () => [],
  bind: () => ({
    f: (x) => Math.exp(-x * x),
    df: (x) => (x === Infinity || x === -Infinity ? 0 : -2 * (x * Math.exp(-x * x))),
    range: { min: 0, max: 1 },
  }),
};

/** Below this |x| sinc and its derivative come from their Taylor series (no cancellation). */
const SERIES_BELOW = 0.5;

function sincSeries(x2: number): number {
  // 1 − x²/3! + x⁴/5! − ... through x¹⁶/17!, Horner form
  let sum = 0;
  for (let k = 8; k >= 1; k--) sum = 1 - (x2 * sum) / ((2 * k) * (2 * k + 1));
  return sum;
}

function sincSlopeSeries(x: number): number {
  // d/dx: Σ (−1)^k·2k·x^(2k−1)/(2k+1)!, k = 1..8
  const x2 = x * x;
  let sum = 0;
  for (let k = 8; k >= 2; k--) {
    sum = 1 - (x2 * sum * (2 * k)) / ((2 * k - 2) * (2 * k) * (2 * k + 1));
  }
  return (-x / 3) * sum;
}

export const sinc: Activation = {
  name: "sinc",
  aliases: [],
  params: [],
  formula: "sin(x)/x, 1 at 0 (unnormalized; torch.sinc(x/π))",
  source: "extra",
  odd: false,
  monotone: false,
  kinks: () => [],
  bind: () => ({
    f: (x) => {
      if (Math.abs(x) < SERIES_BELOW) return sincSeries(x * x);
      if (x === Infinity || x === -Infinity) return 0;
      return Math.sin(x) / x;
    },
    df: (x) => {
      if (Math.abs(x) < SERIES_BELOW) return sincSlopeSeries(x);
      if (x === Infinity || x === -Infinity) return 0;
      return (x * Math.cos(x) - Math.sin(x)) / (x * x);
    },
    range: { min: -0.21723362821122166 * (1 + 1e-15), max: 1 },
  }),
};
