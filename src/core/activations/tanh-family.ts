/**
 * The tanh family of torch.nn: tanh, tanhshrink, softsign. Derivatives avoid 1 − tanh²(x),
 * which loses all relative precision on the tails: sech²(x) = 4e/(1 + e)² with e = e^(−2|x|).
 */
import type { Activation } from "./types.js";

/** sech²(x) = 1 − tanh²(x), accurate in relative terms for every x. */
export function sech2(x: number): number {
  const e = Math.exp(-2 * Math.abs(x));
  const d = 1 + e;
  return (4 * e) / (d * d);
}

export const tanh: Activation = {
  name: "tanh",
  aliases: [],
  params: [],
  formula: "(eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)",
  source: "torch",
  odd: true,
  monotone: "increasing",
  kinks: () => [],
  bind: () => ({ f: Math.tanh, df: sech2, range: { min: -1, max: 1 } }),
};

/**
 * x − tanh(x) for |x| < 0.1 from its Taylor series through x¹⁵ (error < 2e-17 relative): the
 * direct difference cancels there, and Math.tanh may round up past x (V8 gives
 * tanh(4.0111778256557395e-9) one ulp above x), which would make x − tanh(x) negative.
 */
function tanhshrinkSeries(x: number): number {
  const x2 = x * x;
  const p =
    1 / 3 -
    x2 * (2 / 15 - x2 * (17 / 315 - x2 * (62 / 2835 - x2 * (1382 / 155925 - x2 * (21844 / 6081075 - x2 * (929569 / 638512875))))));
  return x * x2 * p;
}

export const tanhshrink: Activation = {
  name: "tanhshrink",
  aliases: [],
  params: [],
  formula: "x − tanh(x)",
  source: "torch",
  odd: true,
  monotone: "increasing",
  kinks: () => [],
  bind: () => ({
    f: (x) => (Math.abs(x) < 0.1 ? tanhshrinkSeries(x) : x - Math.tanh(x)),
    df: (x) => {
      const t = Math.tanh(x);
      return t * t;
    },
    range: { min: -Infinity, max: Infinity },
  }),
};

export const softsign: Activation = {
  name: "softsign",
  aliases: [],
  params: [],
  formula: "x / (1 + |x|)",
  source: "torch",
  odd: true,
  monotone: "increasing",
  kinks: () => [],
  bind: () => ({
    // ±1 at ±Infinity, where PyTorch computes ∞/∞ = NaN
    f: (x) => (x === Infinity ? 1 : x === -Infinity ? -1 : x / (1 + Math.abs(x))),
    df: (x) => {
      const d = 1 + Math.abs(x);
      return 1 / (d * d);
    },
    range: { min: -1, max: 1 },
  }),
};
