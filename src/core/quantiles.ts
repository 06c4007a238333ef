/**
 * The q-th quantile of `sorted` (ascending, finite), as np.quantile's default 'linear' method
 * (type 7): position h = (n - 1) q between sorted[floor h] and the next value, interpolated with
 * NumPy's two-sided lerp so results match to the last bit. NaN for an empty array.
 */
export function quantile(sorted: Float64Array, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1] (got ${q})`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  if (h >= n - 1) return sorted[n - 1]!;
  const i = Math.floor(h);
  const t = h - i;
  const a = sorted[i]!;
  const b = sorted[i + 1]!;
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** A box plot's numbers. */
export interface BoxStats {
  q1: number;
  median: number;
  q3: number;
  /** Smallest value >= q1 - 1.5 IQR (but never above q1). */
  whiskerLow: number;
  /** Largest value <= q3 + 1.5 IQR (but never below q3). */
  whiskerHigh: number;
  min: number;
  max: number;
}

/**
 * Box-plot statistics of the finite values (NaN and ±Infinity are ignored), as matplotlib's
 * cbook.boxplot_stats(x, whis=1.5): quartiles by np.percentile (linear), whiskers at the most
 * extreme data within 1.5 IQR of the box, clamped so they never cross into the box.
 * All fields are NaN when there is no finite value. The input is not modified.
 */
export function boxStats(values: Float64Array): BoxStats {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! - values[i]! === 0) n++;
  const x = new Float64Array(n);
  for (let i = 0, k = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v === 0) x[k++] = v;
  }
  if (n === 0) {
    return { q1: NaN, median: NaN, q3: NaN, whiskerLow: NaN, whiskerHigh: NaN, min: NaN, max: NaN };
  }
  x.sort();
  const q1 = quantile(x, 0.25);
  const median = quantile(x, 0.5);
  const q3 = quantile(x, 0.75);
  const iqr = q3 - q1;
  const loLimit = q1 - 1.5 * iqr;
  const hiLimit = q3 + 1.5 * iqr;
  let lowIdx = 0;
  while (lowIdx < n && x[lowIdx]! < loLimit) lowIdx++;
  let highIdx = n - 1;
  while (highIdx >= 0 && x[highIdx]! > hiLimit) highIdx--;
  const low = lowIdx < n ? x[lowIdx]! : q1;
  const high = highIdx >= 0 ? x[highIdx]! : q3;
  return {
    q1,
    median,
    q3,
    whiskerLow: low > q1 ? q1 : low,
    whiskerHigh: high < q3 ? q3 : high,
    min: x[0]!,
    max: x[n - 1]!,
  };
}
