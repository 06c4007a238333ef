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
 * widened by `fraction` of its magnitude (at least a few ulps), or by 1 around zero.
 */
export function paddedRange(range: AxisRange, fraction: number): AxisRange {
  const span = range.max - range.min;
  const pad = span > 0 ? span * fraction : Math.abs(range.min) * fraction || 1;
  if (range.max + pad > range.min - pad) return { min: range.min - pad, max: range.max + pad };
  // a pad too small to move a constant (far from 0) at all: widen by a few ulps instead
  const ulps = Math.abs(range.min) * 4 * Number.EPSILON;
  return { min: range.min - ulps, max: range.max + ulps };
}

/** The x range to draw: the data range exactly, or ±1 around a single x, or [-1, 1] for none. */
export function xAxisRange(xs: readonly ArrayLike<number>[]): AxisRange {
  const extent = finiteExtent(xs) ?? { min: -1, max: 1 };
  return extent.max > extent.min ? extent : { min: extent.min - 1, max: extent.max + 1 };
}
