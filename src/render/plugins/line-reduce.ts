/**
 * Pixel-exact reduction of a long polyline (x ascending, in pixels): per pixel column, its
 * first, lowest, highest and last point, in x order (M4 aggregation). A line drawn through
 * them covers the same pixels as one through every point, so a curve of 100 000 samples costs
 * as much to draw as one of 4 points per pixel column. A non-finite y is kept as a break: the
 * column groups on either side are reduced separately and the NaN stays between them.
 * Returns the inputs themselves when they hold no more than 4 points per column spanned.
 */
export function reduceToPixelColumns(px: Float64Array, py: Float64Array): { x: Float64Array; y: Float64Array } {
  const n = px.length;
  if (n !== py.length) throw new RangeError(`polyline has ${n} x values but ${py.length} y values`);
  if (n < 2) return { x: px, y: py };
  const span = Math.abs(px[n - 1]! - px[0]!) + 1;
  if (!(n > 4 * span)) return { x: px, y: py };
  const ox: number[] = [];
  const oy: number[] = [];
  let last = -1; // index of the last point kept, so a point that is both first and lowest is kept once
  let i = 0;
  while (i < n) {
    if (!Number.isFinite(py[i]!) || !Number.isFinite(px[i]!)) {
      ox.push(px[i]!);
      oy.push(NaN);
      i++;
      continue;
    }
    // one pixel column of finite points: [i, j)
    const col = Math.floor(px[i]!);
    let j = i;
    let lo = i;
    let hi = i;
    while (j < n && Number.isFinite(py[j]!) && Number.isFinite(px[j]!) && Math.floor(px[j]!) === col) {
      if (py[j]! < py[lo]!) lo = j;
      if (py[j]! > py[hi]!) hi = j;
      j++;
    }
    for (const k of [i, Math.min(lo, hi), Math.max(lo, hi), j - 1]) {
      if (k === last) continue;
      last = k;
      ox.push(px[k]!);
      oy.push(py[k]!);
    }
    i = j;
  }
  return { x: Float64Array.from(ox), y: Float64Array.from(oy) };
}
