/**
 * n evenly spaced points from min to max, both included exactly.
 *
 * x_i = (min·(n−1−i) + max·i) / (n−1). When min·(n−1), max·(n−1) and the sums are exact (for
 * integer or short binary fractions min and max, e.g. linspace(-10, 10, 1001)), each point is
 * the double nearest to the exact rational: x_i is exactly (i − 500)/50 as JavaScript rounds it.
 * If those products would overflow, the weights are divided first. The result is forced to be
 * nondecreasing and inside [min, max] (rounding can only break that by an ulp, and only when
 * the step is below the spacing of doubles).
 */
export function linspace(min: number, max: number, n: number): Float64Array {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new RangeError(`linspace needs finite ends (got min=${min}, max=${max})`);
  }
  if (!(min < max)) throw new RangeError(`linspace needs min < max (got min=${min}, max=${max})`);
  if (!Number.isInteger(n) || n < 2) {
    throw new RangeError(`linspace needs an integer n >= 2 (got n=${n})`);
  }
  const out = new Float64Array(n);
  const m = n - 1;
  const scaled = !Number.isFinite(min * m) || !Number.isFinite(max * m);
  out[0] = min;
  for (let i = 1; i < m; i++) {
    let x = scaled ? min * ((m - i) / m) + max * (i / m) : (min * (m - i) + max * i) / m;
    if (x < min) x = min;
    if (x > max) x = max;
    const before = out[i - 1]!;
    out[i] = x < before ? before : x;
  }
  out[m] = max;
  return out;
}
