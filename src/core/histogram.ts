import { constantRange } from "./constant-range.js";
import { finiteQuantiles } from "./quantiles.js";

/** Bin edges (length bins + 1) and the number of values in each bin (length bins). */
export interface Histogram {
  edges: Float64Array;
  counts: Float64Array;
}

/**
 * numpy.histogram(values, bins, range) with equal-width bins, computed in float64 over the
 * finite values only (NaN and ±Infinity are ignored, where NumPy would refuse them).
 *
 * As in NumPy: the range defaults to [min, max] of the (finite) values, or [0, 1] when there are
 * none; a degenerate range (lo == hi) becomes [lo - 0.5, hi + 0.5] (or lo ∓ |lo|·2^-20 where
 * ±0.5 would be lost to rounding, e.g. a constant 1e300); edges are
 * `lo + i * ((hi - lo) / bins)` with the last edge exactly hi; every bin is half-open [a, b)
 * except the last, which is closed [a, b]; values outside an explicit range are not counted.
 * Bin indices are found the way NumPy does (scaled position, then a one-step correction against
 * the edges), so values that fall on an edge land in the same bin as in NumPy. Like NumPy, a
 * range too narrow (a spread of a few subnormals) or too wide (beyond ±1.8e308) for the bins
 * to have distinct finite edges is a RangeError.
 */
export function histogram(values: ArrayLike<number>, bins: number, range?: [number, number]): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer (got ${bins})`);
  const n = values.length;
  let lo: number;
  let hi: number;
  if (range !== undefined) {
    [lo, hi] = range;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
      throw new RangeError(`histogram range [${lo}, ${hi}] is not finite`);
    }
    if (lo > hi) throw new RangeError(`histogram range [${lo}, ${hi}] has max below min`);
  } else {
    lo = Infinity;
    hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v - v !== 0) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    }
  }
  const edges = histogramEdges(lo, hi, bins);
  const counts = new Float64Array(bins);
  histogramCount(values, 0, 1, n, edges, counts);
  return { edges, counts };
}

/**
 * numpy.histogram's edges for `bins` bins over [lo, hi] (finite, lo <= hi): a degenerate range
 * widened as a constant's, then linspace; RangeError when the bins cannot have distinct finite
 * edges (see histogram).
 */
export function histogramEdges(lo: number, hi: number, bins: number): Float64Array {
  // a constant still gets its one bar, even where ±0.5 is lost to rounding (1e300)
  if (lo === hi) [lo, hi] = constantRange(lo);
  const edges = linspaceEdges(lo, hi, bins);
  for (let i = 0; i < bins; i++) {
    if (!(edges[i]! < edges[i + 1]!)) {
      // numpy.histogram raises the same: the range is too narrow (or too wide) for finite bins
      throw new RangeError(`too many bins (${bins}) for the data range [${lo}, ${hi}]: cannot make finite-sized bins`);
    }
  }
  return edges;
}

/**
 * Adds to `counts` (one per bin of `edges`) the values data[start], data[start + stride], ...
 * (`count` of them) that fall in [edges[0], edges[bins]], as histogram bins them: a histogram in
 * pieces, the same counts.
 */
export function histogramCount(data: ArrayLike<number>, start: number, stride: number, count: number, edges: Float64Array, counts: Float64Array): void {
  const bins = edges.length - 1;
  const lo = edges[0]!;
  const hi = edges[bins]!;
  const width = hi - lo;
  for (let c = 0, i = start; c < count; c++, i += stride) {
    const v = data[i]!;
    if (!(v >= lo && v <= hi)) continue; // also drops NaN; ±Infinity are outside [lo, hi]
    let k = Math.trunc(((v - lo) / width) * bins);
    if (k === bins) k -= 1;
    if (v < edges[k]!) k -= 1;
    if (v >= edges[k + 1]! && k !== bins - 1) k += 1;
    counts[k] = counts[k]! + 1;
  }
}

/** numpy.linspace(lo, hi, bins + 1): start + i * step, last edge exactly hi. */
function linspaceEdges(lo: number, hi: number, bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  const delta = hi - lo;
  const step = delta / bins;
  for (let i = 0; i <= bins; i++) edges[i] = (step === 0 ? (i / bins) * delta : i * step) + lo;
  edges[bins] = hi;
  return edges;
}

/**
 * The number of bins numpy.histogram_bin_edges(values, "auto") uses, over the finite values:
 * the narrower of Sturges' width (span / (log2(n) + 1)) and Freedman-Diaconis' (2 IQR n^(-1/3),
 * when that is above 0), then ceil(span / width) bins; 1 for a constant or no values. At most
 * `max` (a constant's span of 0, or a long tail, can ask for millions).
 */
export function autoBins(values: ArrayLike<number>, max = 10_000): number {
  let n = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) continue;
    n++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return autoBinsOf(n, lo, hi, () => finiteQuantiles(values, [0.25, 0.75]) as [number, number], max);
}

/**
 * autoBins from the count, least and greatest of the finite values and their quartiles (asked
 * for only when the span is above 0), e.g. as a stream found them.
 */
export function autoBinsOf(n: number, lo: number, hi: number, quartiles: () => [number, number], max = 10_000): number {
  if (n === 0) return 1;
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const sturges = span / (Math.log2(n) + 1);
  // the quartiles by selection, as np.quantile gives them (no sort of the values)
  const [q1, q3] = quartiles();
  const fd = (2 * (q3 - q1)) / Math.cbrt(n);
  const width = fd > 0 ? Math.min(fd, sturges) : sturges;
  return Math.max(1, Math.min(max, Math.ceil(span / width)));
}
