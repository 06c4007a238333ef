import { DDSketch } from "@datadog/sketches-js";

/**
 * The adapter to @datadog/sketches-js: a DDSketch (logarithmic mapping, relative accuracy α)
 * fills its bins from the values; everything after (serialising, merging, quantiles) works on
 * those bins as plain numbers, through the mapping's public key/value only. Its `merge()` and
 * `toProto()` are not used: in 2.1.1 merge() drops the other sketch's negative values, and the
 * protobuf encoding needs protobufjs, which the package does not install.
 */

/** One store of a sketch: `counts[i]` values fell in bin `offset + i` (bins outside have none). */
export interface SketchStore {
  offset: number;
  counts: number[];
}

/** A DDSketch's contents: the zeros (exact), and the bins of |x| for positive and negative x. */
export interface SketchBins {
  zero: number;
  positive: SketchStore;
  negative: SketchStore;
}

/** The mapping's parameters, recorded beside the bins so a reader can check it maps alike. */
export interface SketchMapping {
  relativeAccuracy: number;
  gamma: number;
  indexOffset: number;
}

function newSketch(relativeAccuracy: number): DDSketch {
  if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw new RangeError(`relative accuracy must be in (0, 1) (got ${relativeAccuracy})`);
  return new DDSketch({ relativeAccuracy });
}

/** The mapping a sketch of this accuracy uses (gamma = (1 + α) / (1 − α)). */
export function sketchMapping(relativeAccuracy: number): SketchMapping {
  const { mapping } = newSketch(relativeAccuracy);
  // the logarithmic mapping's key is ⌈log_γ v⌉ + its index offset: the key of 1 is the offset
  return { relativeAccuracy, gamma: mapping.gamma, indexOffset: mapping.key(1) };
}

/** A store's non-empty span of bins. */
function storeBins(store: DDSketch["store"]): SketchStore {
  const counts = store.bins;
  let lo = 0;
  let hi = counts.length;
  while (lo < hi && !counts[lo]) lo++;
  while (hi > lo && !counts[hi - 1]) hi--;
  return lo === hi ? { offset: 0, counts: [] } : { offset: store.offset + lo, counts: counts.slice(lo, hi) };
}

/** The sketch of the finite values of `values` (NaN and ±Infinity are left out). */
export function sketchValues(values: ArrayLike<number>, relativeAccuracy: number): SketchBins {
  const sketch = sketchAccumulator(relativeAccuracy);
  sketch.add(values, 0, 1, values.length);
  return sketch.bins();
}

/**
 * sketchValues of values that arrive in pieces: `add(data, start, step, count)` takes
 * data[start], data[start + step], ... (count of them: one neuron's column of a block of rows);
 * `bins()` is sketchValues of everything added, in the order added.
 */
export function sketchAccumulator(relativeAccuracy: number) {
  const sketch = newSketch(relativeAccuracy);
  return {
    add(data: ArrayLike<number>, start: number, step: number, count: number): void {
      for (let i = 0, k = start; i < count; i++, k += step) {
        const v = data[k]!;
        if (v - v === 0) sketch.accept(v);
      }
    },
    bins: (): SketchBins => ({ zero: sketch.zeroCount, positive: storeBins(sketch.store), negative: storeBins(sketch.negativeStore) }),
  };
}

function addStores(a: SketchStore, b: SketchStore): SketchStore {
  if (b.counts.length === 0) return { offset: a.offset, counts: [...a.counts] };
  if (a.counts.length === 0) return { offset: b.offset, counts: [...b.counts] };
  const offset = Math.min(a.offset, b.offset);
  const end = Math.max(a.offset + a.counts.length, b.offset + b.counts.length);
  const counts = new Array<number>(end - offset).fill(0);
  for (const s of [a, b]) s.counts.forEach((c, i) => (counts[s.offset - offset + i] = counts[s.offset - offset + i]! + c));
  return { offset, counts };
}

/** The sketch of two sets of values together (sketches of the same mapping): bins added. */
export function mergeSketches(a: SketchBins, b: SketchBins): SketchBins {
  return { zero: a.zero + b.zero, positive: addStores(a.positive, b.positive), negative: addStores(a.negative, b.negative) };
}

const total = (s: SketchStore) => s.counts.reduce((sum, c) => sum + c, 0);

/** The bin key of rank r (0-based) in a store, counting up from its smallest key. */
function keyAtRank(s: SketchStore, r: number): number {
  let run = 0;
  for (let i = 0; i < s.counts.length; i++) {
    run += s.counts[i]!;
    if (run > r) return s.offset + i;
  }
  return s.offset + s.counts.length - 1;
}

/**
 * np.quantile(x, q) (linear) estimated from a sketch of x's finite values: the values of ranks
 * ⌊h⌋ and ⌊h⌋ + 1 (h = (n − 1) q) are each read from the sketch (within α of the true ones,
 * zeros exact, and clamped to the exact [min, max]) and interpolated as np.quantile does. So when
 * the two true values do not have strictly opposite signs, the estimate is within α (relative)
 * of np.quantile; across a sign change, within α of the larger of the two magnitudes.
 * NaN for each q when the sketch is empty.
 */
export function sketchQuantiles(bins: SketchBins, mapping: SketchMapping, extent: { min: number; max: number }, qs: readonly number[]): number[] {
  const { mapping: m } = newSketch(mapping.relativeAccuracy);
  const neg = total(bins.negative);
  const n = neg + bins.zero + total(bins.positive);
  const clamp = (v: number) => Math.min(extent.max, Math.max(extent.min, v));
  const at = (r: number): number => {
    if (r === 0) return extent.min;
    if (r === n - 1) return extent.max;
    // ascending rank r among the negatives is rank neg − 1 − r of their magnitudes
    if (r < neg) return clamp(-m.value(keyAtRank(bins.negative, neg - 1 - r)));
    if (r < neg + bins.zero) return 0;
    return clamp(m.value(keyAtRank(bins.positive, r - neg - bins.zero)));
  };
  return qs.map((q) => {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1] (got ${q})`);
    if (n === 0) return NaN;
    const h = (n - 1) * q;
    if (h >= n - 1) return extent.max;
    const i = Math.floor(h);
    const t = h - i;
    const a = at(i);
    const b = at(i + 1);
    const d = b - a;
    return t >= 0.5 ? b - d * (1 - t) : a + d * t;
  });
}

/**
 * Box-plot whiskers from a sketch, as matplotlib draws them (the most extreme values within
 * [lo, hi]): among the sketch's bin values in ascending order, each clamped to the exact
 * [min, max] and the smallest and largest being min and max themselves, the lowest >= lo and the
 * highest <= hi (NaN when none is). Each is within α of a value of the data.
 */
export function sketchValuesWithin(bins: SketchBins, mapping: SketchMapping, extent: { min: number; max: number }, lo: number, hi: number): { low: number; high: number } {
  const { mapping: m } = newSketch(mapping.relativeAccuracy);
  const values: number[] = [];
  const { negative: neg, positive: pos } = bins;
  for (let i = neg.counts.length - 1; i >= 0; i--) if (neg.counts[i]! > 0) values.push(-m.value(neg.offset + i));
  if (bins.zero > 0) values.push(0);
  for (let i = 0; i < pos.counts.length; i++) if (pos.counts[i]! > 0) values.push(m.value(pos.offset + i));
  if (values.length === 0) return { low: NaN, high: NaN };
  const clamped = values.map((v) => Math.min(extent.max, Math.max(extent.min, v)));
  clamped[0] = extent.min;
  clamped[clamped.length - 1] = extent.max;
  const low = clamped.find((v) => v >= lo) ?? NaN;
  const high = clamped.findLast((v) => v <= hi) ?? NaN;
  return { low, high };
}
