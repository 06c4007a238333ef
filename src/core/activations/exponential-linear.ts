/**
 * Exponential linear units of torch.nn: elu, selu, celu. The negative side uses expm1, so small
 * |x| keeps full relative precision. At 0 the derivative is the left one, as PyTorch autograd
 * returns it: elu'(0) = alpha, selu'(0) = scale·alpha, celu'(0) = 1.
 */
import { numberParam } from "./resolve-params.js";
import type { Activation, BoundActivation } from "./types.js";

/** PyTorch's SELU constants (torch/nn/functional.py). */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;

/** scale·x for x > 0, negcoef·(e^(x·inputScale) − 1) otherwise: PyTorch's elu kernel. */
function bindElu(scale: number, negcoef: number, inputScale: number): BoundActivation {
  const slope0 = negcoef * inputScale;
  return {
    f: (x) => (x > 0 ? x * scale : negcoef * Math.expm1(x * inputScale)),
    df: (x) => (x > 0 ? scale : x <= 0 ? slope0 * Math.exp(x * inputScale) : x),
    range: { min: Math.min(-negcoef, 0), max: Infinity },
  };
}

export const elu: Activation = {
  name: "elu",
  aliases: [],
  params: [{ name: "alpha", kind: "number", default: 1, description: "the value approached as x → −∞ is −alpha" }],
  formula: "x if x > 0, else alpha·(eˣ − 1)",
  source: "torch",
  odd: false,
  monotone: "increasing",
  kinks: (p) => (numberParam(p, "alpha") === 1 ? [] : [0]),
  bind: (p) => bindElu(1, numberParam(p, "alpha"), 1),
};

export const selu: Activation = {
  name: "selu",
  aliases: [],
  params: [],
  formula: "scale·(x if x > 0, else α·(eˣ − 1)), α ≈ 1.6733, scale ≈ 1.0507",
  source: "torch",
  odd: false,
  monotone: "increasing",
  kinks: () => [0],
  bind: () => bindElu(SELU_SCALE, SELU_ALPHA * SELU_SCALE, 1),
};

export const celu: Activation = {
  name: "celu",
  aliases: [],
  params: [
    { name: "alpha", kind: "number", default: 1, description: "the value approached as x → −∞ is −alpha", constraint: "positive" },
  ],
  formula: "x if x > 0, else alpha·(e^(x/alpha) − 1)",
  source: "torch",
  odd: false,
  monotone: "increasing",
  kinks: () => [],
  bind: (p) => {
    const alpha = numberParam(p, "alpha");
    return bindElu(1, alpha, 1 / alpha);
  },
};
