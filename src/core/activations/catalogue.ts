/** The whole catalogue in a stable order: torch.nn's activations first, then the extras. */
import { celu, elu, selu } from "./exponential-linear.js";
import { arctan, binaryStep, elliott, erf, isru, sqnl } from "./extras-saturating.js";
import { bentIdentity, identity, isrlu, quickGelu, squareplus, swish, thresholdedRelu } from "./extras-rectifying.js";
import { gaussian, sinc } from "./extras-radial.js";
import { gelu } from "./gelu.js";
import { hardshrink, hardsigmoid, hardswish, hardtanh, relu6, softshrink } from "./hard.js";
import { logsigmoid, mish, sigmoid, silu, softplus } from "./logistic-family.js";
import { leakyRelu, prelu, relu, rrelu, threshold } from "./rectifiers.js";
import { softExponential } from "./soft-exponential.js";
import { softsign, tanh, tanhshrink } from "./tanh-family.js";
import type { Activation } from "./types.js";

export const activations: readonly Activation[] = Object.freeze([
  elu,
  hardshrink,
  hardtanh,
  hardsigmoid,
  hardswish,
  leakyRelu,
  logsigmoid,
  prelu,
  relu,
  relu6,
  rrelu,
  selu,
  silu,
  mish,
  celu,
  gelu,
  sigmoid,
  softplus,
  softshrink,
  softsign,
  tanh,
  tanhshrink,
  threshold,
  identity,
  binaryStep,
  swish,
  quickGelu,
  arctan,
  bentIdentity,
  gaussian,
  sinc,
  sqnl,
  isru,
  isrlu,
  elliott,
  squareplus,
  erf,
  softExponential,
  thresholdedRelu,
]);
