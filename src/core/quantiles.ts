import { selectRanks } from "./select.js";

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
 * np.quantile(x[np.isfinite(x)], q) for each of `qs` (method 'linear'), bit for bit, found by
 * selection (selectRanks) instead of a sort: ~10x less work on a long column. NaN for each q
 * when there is no finite value. The input is not modified.
 */
export function finiteQuantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  for (const q of qs) if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1] (got ${q})`);
  const x = finiteCopy(values);
  return quantilesOfFinite(x, qs);
}

/** The quantiles of `x` (finite values; reordered in place). */
function quantilesOfFinite(x: Float64Array, qs: readonly number[]): number[] {
  const n = x.length;
  if (n === 0) return qs.map(() => NaN);
  const at = qs.map((q) => {
    const h = (n - 1) * q;
    return h >= n - 1 ? { i: n - 1, t: 0, last: true } : { i: Math.floor(h), t: h - Math.floor(h), last: false };
  });
  const ranks = at.flatMap(({ i, last }) => (last ? [i] : [i, i + 1]));
  const values = selectRanks(x, ranks);
  const value = new Map(ranks.map((k, j) => [k, values[j]!]));
  return at.map(({ i, t, last }) => {
    if (last) return value.get(i)!;
    // np.quantile's two-sided lerp, as `quantile` above
    const a = value.get(i)!;
    const b = value.get(i + 1)!;
    const d = b - a;
    return t >= 0.5 ? b - d * (1 - t) : a + d * t;
  });
}

/** The finite values of `values`, in order, in a new array. */
function finiteCopy(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! - values[i]! === 0) n++;
  const x = new Float64Array(n);
  for (let i = 0, k = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v === 0) x[k++] = v;
  }
  return x;
}

/**
 * Box-plot statistics of the finite values (NaN and ±Infinity are ignored), as matplotlib's
 * cbook.boxplot_stats(x, whis=1.5): quartiles by np.percentile (linear), whiskers at the most
 * extreme data within 1.5 IQR of the box, clamped so they never cross into the box.
 * All fields are NaN when there is no finite value. The input is not modified.
 */
export function boxStats(values: ArrayLike<number>): BoxStats {
  const x = finiteCopy(values);
  const n = x.length;
  if (n === 0) {
    return { q1: NaN, median: NaN, q3: NaN, whiskerLow: NaN, whiskerHigh: NaN, min: NaN, max: NaN };
  }
  const [q1, median, q3] = quantilesOfFinite(x, [0.25, 0.5, 0.75]) as [number, number, number];
  const iqr = q3 - q1;
  const loLimit = q1 - 1.5 * iqr;
  const hiLimit = q3 + 1.5 * iqr;
  // the sorted array's first value >= loLimit and last <= hiLimit, its ends: one scan, not a sort
  // (on ties of -0 and 0, the sort's order: -0 first)
  let low = Infinity;
  let high = -Infinity;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v < min || (v === min && Object.is(v, -0))) min = v;
    if (v > max || (v === max && Object.is(max, -0))) max = v;
    if (v >= loLimit && (v < low || (v === low && Object.is(v, -0)))) low = v;
    if (v <= hiLimit && (v > high || (v === high && Object.is(high, -0)))) high = v;
  }
  if (low === Infinity) low = q1;
  if (high === -Infinity) high = q3;
  return {
    q1,
    median,
    q3,
    whiskerLow: low > q1 ? q1 : low,
    whiskerHigh: high < q3 ? q3 : high,
    min,
    max,
  };
}
