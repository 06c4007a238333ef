/**
 * Numerically stable building blocks of the logistic family, shared by sigmoid, logsigmoid,
 * softplus, silu, swish, mish and quick_gelu. Each branches on the sign of x so that exp never
 * overflows and nothing cancels.
 */

/** 1 / (1 + e^-x), accurate in relative terms on both tails. */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** logistic(x) * (1 - logistic(x)) = e^-|x| / (1 + e^-|x|)^2, without the cancellation in 1 - s. */
export function logisticSlope(x: number): number {
  const e = Math.exp(-Math.abs(x));
  const d = 1 + e;
  return e / (d * d);
}

/** log(1 + e^x) (softplus with beta 1), finite for every finite x. */
export function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The minimum of x * logistic(x), at x ≈ -1.2784645, rounded outward. */
export const SILU_MIN = -0.2784645427610738 * (1 + 1e-15);
