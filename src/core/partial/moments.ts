/** Count, mean and sum of squared deviations (M2) of some finite values: what variance needs, mergeable. */
export interface Moments {
  count: number;
  /** NaN when count is 0. */
  mean: number;
  /** Σ (x - mean)²; 0 when count is 0. */
  m2: number;
}

/**
 * The moments of two disjoint sets of values together, by Chan, Golub and LeVeque's pairwise
 * update: n = nA + nB, δ = meanB − meanA, mean = meanA + δ nB / n, M2 = M2A + M2B + δ² nA nB / n.
 * An empty side (count 0) gives the other unchanged. Inputs are not modified.
 */
export function mergeMoments(a: Moments, b: Moments): Moments {
  if (b.count === 0) return { ...a };
  if (a.count === 0) return { ...b };
  const n = a.count + b.count;
  const delta = b.mean - a.mean;
  return {
    count: n,
    mean: a.mean + delta * (b.count / n),
    m2: a.m2 + b.m2 + delta * delta * ((a.count * b.count) / n),
  };
}
