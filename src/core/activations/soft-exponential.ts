/**
 * Soft exponential (Godfrey & Gashler 2015), piecewise in alpha:
 *   alpha < 0: −log(1 − alpha·(x + alpha)) / alpha   (defined for x > 1/alpha − alpha; NaN below)
 *   alpha = 0: x
 *   alpha > 0: (e^(alpha·x) − 1) / alpha + alpha
 * computed with log1p and expm1.
 */
import { numberParam } from "./resolve-params.js";
import type { Activation, BoundActivation } from "./types.js";

function bindSoftExponential(alpha: number): BoundActivation {
  if (alpha === 0) {
    return { f: (x) => x, df: (x) => (x === x ? 1 : x), range: { min: -Infinity, max: Infinity } };
  }
  if (alpha > 0) {
    return {
      f: (x) => Math.expm1(alpha * x) / alpha + alpha,
      df: (x) => Math.exp(alpha * x),
      range: { min: alpha - 1 / alpha, max: Infinity },
    };
  }
  return {
    f: (x) => -Math.log1p(-alpha * (x + alpha)) / alpha,
    df: (x) => {
      const d = 1 - alpha * (x + alpha);
      return d >= 0 ? 1 / d : NaN; // NaN outside the domain, like f
    },
    range: { min: -Infinity, max: Infinity },
  };
}

export const softExponential: Activation = {
  name: "soft_exponential",
  aliases: [],
  params: [
    {
      name: "alpha",
      kind: "number",
      default: 0,
      description: "< 0 logarithmic, 0 identity, > 0 exponential",
    },
  ],
  formula: "−log(1 − α(x + α))/α if α < 0; x if α = 0; (e^(αx) − 1)/α + α if α > 0",
  source: "extra",
  odd: true,
  monotone: "increasing",
  kinks: () => [],
  bind: (p) => bindSoftExponential(numberParam(p, "alpha")),
};
