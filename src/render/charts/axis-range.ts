/** A closed interval on one axis. */
export interface AxisRange {
  min: number;
  max: number;
}

/** The smallest and largest finite value over all arrays, or undefined when there is none. */
export function finiteExtent(arrays: readonly ArrayLike<number>[]): AxisRange | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < min && v !== -Infinity) min = v;
      if (v > max && v !== Infinity) max = v;
    }
  }
  return min <= max ? { min, max } : undefined;
}

/**
 * Widens a range by `fraction` of its span on each side, so curves do not touch the frame
 * (sigmoid's [0, 1] with 0.1 gives [-0.1, 1.1]). A range of zero span (a constant) is
 * widened by `fraction` of its magnitude (at least a few ulps), or by 1 around zero. The ends
 * never pass ±Number.MAX_VALUE.
 */
export function paddedRange(range: AxisRange, fraction: number): AxisRange {
  const span = range.max - range.min;
  const pad = span > 0 ? span * fraction : Math.abs(range.min) * fraction || 1;
  if (range.max + pad > range.min - pad) return widened(range, pad, pad);
  // a pad too small to move a constant (far from 0) at all: widen by a few ulps instead
  const ulps = Math.abs(range.min) * 4 * Number.EPSILON;
  return { min: range.min - ulps, max: range.max + ulps };
}

/**
 * The range with `below` added under it and `above` over it, each pad cut so that the ends stay
 * within ±Number.MAX_VALUE and the span stays finite (near ±1.8e308 a pad shrinks, down to 0).
 * For ordinary ranges, exactly { min: min - below, max: max + above }.
 */
export function widened(range: AxisRange, below: number, above: number): AxisRange {
  const room = Number.MAX_VALUE - (range.max - range.min); // NaN or -Infinity when the span overflows
  let b = below;
  let a = above;
  if (!(b + a <= room)) {
    const share = room > 0 ? room / 2 : 0;
    b = Math.min(b, share);
    a = Math.min(a, share);
  }
  const out = { min: Math.max(-Number.MAX_VALUE, range.min - b), max: Math.min(Number.MAX_VALUE, range.max + a) };
  // room is rounded: when the padded span still overflows by an ulp, draw without the pads
  return Number.isFinite(out.max - out.min) ? out : { min: range.min, max: range.max };
}

/** The x range to draw: the data range exactly, or ±1 around a single x, or [-1, 1] for none. */
export function xAxisRange(xs: readonly ArrayLike<number>[]): AxisRange {
  const extent = finiteExtent(xs) ?? { min: -1, max: 1 };
  return extent.max > extent.min ? extent : { min: extent.min - 1, max: extent.max + 1 };
}

/** The largest |end| an axis may have: the spans and pads built on it stay finite. */
const MAX_END = Number.MAX_VALUE;
/** The narrowest span an axis is given: a normal double, so a tick step 1/100 of it is one too. */
export const MIN_SPAN = 2 ** -990;
/** A span is at least this many ulps of its larger end, so ticks and pixels are distinct values. */
const MIN_ULPS = 64;

/** The spacing of doubles at |x| (x finite). */
export function ulp(x: number): number {
  const a = Math.abs(x);
  if (a < 2 ** -1021) return Number.MIN_VALUE;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  return 2 ** (e - 52);
}

/**
 * A range widened around its middle to a span an axis can show: at least MIN_SPAN and
 * MIN_ULPS ulps of its larger end (a constant or a spread of a few subnormals becomes a
 * narrow normal range), and kept within ±Number.MAX_VALUE. A range that already has such a
 * span is returned unchanged. Throws RangeError for ends that are not finite or a span that
 * overflows (wider than Number.MAX_VALUE): no linear axis can show it.
 */
export function drawableRange(range: AxisRange): AxisRange {
  const { min, max } = range;
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min <= max)) {
    throw new RangeError(`axis range [${min}, ${max}] is not two finite numbers in order`);
  }
  if (!Number.isFinite(max - min)) {
    throw new RangeError(`axis range [${min}, ${max}] spans more than ${MAX_END} (its width overflows)`);
  }
  const need = Math.max(MIN_SPAN, MIN_ULPS * ulp(Math.max(Math.abs(min), Math.abs(max))));
  if (max - min >= need) return range;
  const mid = min / 2 + max / 2;
  let lo = mid - need / 2;
  let hi = mid + need / 2;
  if (hi > MAX_END) [lo, hi] = [MAX_END - need, MAX_END];
  if (lo < -MAX_END) [lo, hi] = [-MAX_END, -MAX_END + need];
  return { min: lo, max: hi };
}

/**
 * Why [min, max] (finite, min < max) cannot be an axis exactly as given, as the end of a
 * message ("spans only 1e-320 (expected ...)"), or undefined when it can: its span must not
 * overflow and must be at least MIN_SPAN and MIN_ULPS ulps of its larger end.
 */
export function axisSpanProblem(min: number, max: number): string | undefined {
  const span = max - min;
  if (!Number.isFinite(span)) return `spans more than the largest double (expected MAX - MIN at most ${MAX_END}, e.g. -1e307,1e307)`;
  const need = Math.max(MIN_SPAN, MIN_ULPS * ulp(Math.max(Math.abs(min), Math.abs(max))));
  if (span < need) return `spans only ${span}, too narrow for an axis (expected MAX - MIN of at least ${need}, e.g. -10,10)`;
  return undefined;
}

/**
 * Whether Chart.js's own linear tick generation is safe on this range: it multiplies and
 * divides by powers of ten until a tick step looks whole (_decimalPlaces) and counts ticks by a
 * float comparison, which never ends for a step that underflows or a span that overflows. Inside
 * these limits (every range of ordinary data) Chart.js makes the ticks, as it always did.
 */
export function chartJsTicksSafe(range: AxisRange): boolean {
  const span = range.max - range.min;
  const magnitude = Math.max(Math.abs(range.min), Math.abs(range.max));
  return span >= 1e-30 && magnitude <= 1e30 && span >= magnitude * 1e-9;
}

/** 1, 2 or 5 times a power of ten, at least x (x > 0, finite); Infinity past the largest double. */
function niceStep(x: number): number {
  let p = 10 ** Math.floor(Math.log10(x));
  if (p === 0 || !Number.isFinite(p)) p = 2 ** Math.floor(Math.log2(x));
  for (const m of [1, 2, 5, 10, 20]) if (m * p >= x) return m * p;
  return 20 * p;
}

/**
 * At most `maxTicks` + 1 round tick values inside [min, max] (multiples of a 1-2-5 step), found
 * with a loop bounded by a count, for the ranges Chart.js cannot tick itself. Falls back to the
 * two ends when no step fits (the ends are always valid ticks).
 */
export function boundedTicks(range: AxisRange, maxTicks = 10): number[] {
  const { min, max } = range;
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return [min, max];
  const step = niceStep(span / maxTicks);
  const first = Math.ceil(min / step);
  const last = Math.floor(max / step);
  if (!Number.isFinite(step) || step === 0 || !Number.isFinite(first) || !Number.isFinite(last) || last - first > 2 * maxTicks || last < first) return [min, max];
  const ticks: number[] = [];
  for (let k = first, i = 0; k <= last && i <= 2 * maxTicks; k++, i++) {
    const v = k * step;
    if (v >= min && v <= max && Number.isFinite(v) && (ticks.length === 0 || v > ticks[ticks.length - 1]!)) ticks.push(v === 0 ? 0 : v);
  }
  return ticks.length >= 2 ? ticks : [min, max];
}
