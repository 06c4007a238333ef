/** A series of points, x ascending. */
export interface Series {
  x: Float64Array;
  y: Float64Array;
}

/**
 * Min-max decimation: the points are split into `buckets` runs of consecutive points (equal
 * counts, by index) and each run contributes its lowest and its highest point, in x order (one
 * point when they coincide; the first occurrence on ties). Every peak and trough survives, so
 * the global min and max of y are always in the output; at most 2 * buckets points are returned.
 *
 * Points whose x or y is not finite (NaN, ±Infinity: nothing a chart can draw) are dropped
 * first; a series no longer than the output is returned as it is (the input arrays themselves
 * when nothing was dropped).
 * `x` must be ascending; buckets must be a positive integer.
 */
export function minMaxDecimate(x: Float64Array, y: Float64Array, buckets: number): Series {
  if (!Number.isInteger(buckets) || buckets < 1) {
    throw new RangeError(`min-max buckets must be a positive integer (got ${buckets})`);
  }
  const s = finitePoints(x, y);
  const n = s.x.length;
  if (n <= 2 * buckets) return s;
  const sx = s.x;
  const sy = s.y;
  const ox = new Float64Array(2 * buckets);
  const oy = new Float64Array(2 * buckets);
  let m = 0;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let lo = start;
    let hi = start;
    for (let k = start + 1; k < end; k++) {
      const v = sy[k]!;
      if (v < sy[lo]!) lo = k;
      if (v > sy[hi]!) hi = k;
    }
    const first = Math.min(lo, hi);
    const second = Math.max(lo, hi);
    ox[m] = sx[first]!;
    oy[m++] = sy[first]!;
    if (second !== first) {
      ox[m] = sx[second]!;
      oy[m++] = sy[second]!;
    }
  }
  return { x: ox.slice(0, m), y: oy.slice(0, m) };
}

/** The points with finite x and y (the inputs themselves when all are), checked for x order. */
function finitePoints(x: Float64Array, y: Float64Array): Series {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`x has ${n} values but y has ${y.length}`);
  let kept = 0;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    if (xi - xi !== 0 || y[i]! - y[i]! !== 0) continue;
    if (prev >= 0 && xi < x[prev]!) {
      throw new RangeError(`x must be ascending (x[${i}] = ${xi} < x[${prev}] = ${x[prev]})`);
    }
    prev = i;
    kept++;
  }
  if (kept === n) return { x, y };
  const fx = new Float64Array(kept);
  const fy = new Float64Array(kept);
  for (let i = 0, k = 0; i < n; i++) {
    if (x[i]! - x[i]! === 0 && y[i]! - y[i]! === 0) {
      fx[k] = x[i]!;
      fy[k++] = y[i]!;
    }
  }
  return { x: fx, y: fy };
}

/**
 * `decimated` with the first and last points of the full series (x, y) added where it lacks
 * them, so an axis fitted to it spans the whole series (min-max keeps the first and last
 * samples only when they are a bucket's extremes). A non-finite y stays as it is: a gap.
 */
export function withEnds(decimated: Series, x: Float64Array, y: Float64Array): Series {
  const n = x.length;
  if (n === 0) return decimated;
  const m = decimated.x.length;
  const head = m === 0 || decimated.x[0] !== x[0] ? 1 : 0;
  const tail = n > 1 && (m === 0 || decimated.x[m - 1] !== x[n - 1]) ? 1 : 0;
  if (head + tail === 0) return decimated;
  const outX = new Float64Array(m + head + tail);
  const outY = new Float64Array(m + head + tail);
  outX.set(decimated.x, head);
  outY.set(decimated.y, head);
  if (head) [outX[0], outY[0]] = [x[0]!, y[0]!];
  if (tail) [outX[m + head], outY[m + head]] = [x[n - 1]!, y[n - 1]!];
  return { x: outX, y: outY };
}

/**
 * Min-max decimation that keeps gaps: each run of consecutive finite points is decimated on
 * its own (withEnds: its first and last points kept), with buckets shared out by run length
 * (at least one each), and the runs are joined by one point whose y is NaN, at the x of the
 * first non-finite point after the run: a gap, where a line stops. The whole series' first
 * and last x are kept (as NaN points when their y is not finite), so an axis fitted to the
 * result spans every sample. Without non-finite y it is withEnds(minMaxDecimate(...)).
 * `x` must be ascending and finite; buckets a positive integer.
 */
export function minMaxDecimateGaps(x: Float64Array, y: Float64Array, buckets: number): Series {
  if (!Number.isInteger(buckets) || buckets < 1) {
    throw new RangeError(`min-max buckets must be a positive integer (got ${buckets})`);
  }
  const n = y.length;
  const runs: [number, number][] = [];
  for (let i = 0; i < n; ) {
    if (!Number.isFinite(y[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && Number.isFinite(y[j]!)) j++;
    runs.push([i, j]);
    i = j;
  }
  if (runs.reduce((finite, [start, end]) => finite + end - start, 0) === n) return withEnds(minMaxDecimate(x, y, buckets), x, y);
  return joinRuns(n, runs, buckets, (k) => x[k]!, (start, end, share) => {
    const rx = x.subarray(start, end);
    const ry = y.subarray(start, end);
    return withEnds(minMaxDecimate(rx, ry, share), rx, ry);
  });
}

/**
 * minMaxDecimateGaps' joining of a series of `n` points whose finite values form `runs`
 * ([start, end), ascending, some non-finite point between any two): each run decimated by
 * `decimate(start, end, share)` with its share of the buckets, gaps (a NaN point at the x of the
 * first non-finite point after a run, and at x[0] before a leading gap), the last x kept.
 */
export function joinRuns(n: number, runs: readonly (readonly [number, number])[], buckets: number, xAt: (k: number) => number, decimate: (start: number, end: number, share: number) => Series): Series {
  let finite = 0;
  for (const [start, end] of runs) finite += end - start;
  const ox: number[] = [];
  const oy: number[] = [];
  const gap = (at: number) => {
    if (at < n && (oy.length === 0 || !Number.isNaN(oy[oy.length - 1]!))) {
      ox.push(xAt(at));
      oy.push(NaN);
    }
  };
  if (runs.length === 0 || runs[0]![0] > 0) gap(0);
  for (const [start, end] of runs) {
    const share = Math.max(1, Math.round((buckets * (end - start)) / finite));
    const d = decimate(start, end, share);
    for (let k = 0; k < d.x.length; k++) {
      ox.push(d.x[k]!);
      oy.push(d.y[k]!);
    }
    gap(end);
  }
  // the series ends in a gap: let that gap stand at the last x, so the axis reaches it
  const last = ox.length - 1;
  if (ox[last] !== xAt(n - 1)) {
    if (last > 0 && Number.isNaN(oy[last]!)) ox[last] = xAt(n - 1);
    else {
      ox.push(xAt(n - 1));
      oy.push(NaN);
    }
  }
  return { x: Float64Array.from(ox), y: Float64Array.from(oy) };
}

/**
 * withEnds(minMaxDecimate(x, y, buckets), x, y) of `n` finite points whose y arrive one at a
 * time, in order (`add`), with x = x0 + index: the same points, bucket by bucket, in memory
 * that depends on `buckets`, not on n (all n points when n <= 2 * buckets, as minMaxDecimate).
 */
export function minMaxStream(n: number, buckets: number, x0: number) {
  if (!Number.isInteger(buckets) || buckets < 1) throw new RangeError(`min-max buckets must be a positive integer (got ${buckets})`);
  const keepAll = n <= 2 * buckets;
  const kept = keepAll ? new Float64Array(n) : undefined;
  const loAt = keepAll ? undefined : new Float64Array(buckets);
  const loY = keepAll ? undefined : new Float64Array(buckets);
  const hiAt = keepAll ? undefined : new Float64Array(buckets);
  const hiY = keepAll ? undefined : new Float64Array(buckets);
  let k = 0;
  let b = 0;
  let bucketEnd = keepAll ? n : Math.floor(n / buckets);
  let first = NaN;
  let last = NaN;
  return {
    add(v: number): void {
      if (k === 0) first = v;
      last = v;
      if (kept) {
        kept[k++] = v;
        return;
      }
      while (k >= bucketEnd) bucketEnd = Math.floor(((++b + 1) * n) / buckets);
      // a bucket's first point starts its low and high; later ones replace them only when strictly beyond (the first occurrence on ties)
      if (k === Math.floor((b * n) / buckets)) {
        loAt![b] = hiAt![b] = k;
        loY![b] = hiY![b] = v;
      } else {
        if (v < loY![b]!) {
          loY![b] = v;
          loAt![b] = k;
        }
        if (v > hiY![b]!) {
          hiY![b] = v;
          hiAt![b] = k;
        }
      }
      k++;
    },
    result(): Series {
      if (k !== n) throw new RangeError(`min-max stream got ${k} of ${n} points`);
      if (kept) return { x: Float64Array.from(kept, (_, i) => x0 + i), y: kept };
      const ox: number[] = [];
      const oy: number[] = [];
      for (let c = 0; c < buckets; c++) {
        const lo = loAt![c]!;
        const hi = hiAt![c]!;
        const [p, q] = lo <= hi ? [lo, hi] : [hi, lo];
        const [py, qy] = lo <= hi ? [loY![c]!, hiY![c]!] : [hiY![c]!, loY![c]!];
        ox.push(x0 + p);
        oy.push(py);
        if (q !== p) {
          ox.push(x0 + q);
          oy.push(qy);
        }
      }
      // withEnds: the first and last points, where min-max did not keep them
      if (ox[0] !== x0) {
        ox.unshift(x0);
        oy.unshift(first);
      }
      if (n > 1 && ox[ox.length - 1] !== x0 + n - 1) {
        ox.push(x0 + n - 1);
        oy.push(last);
      }
      return { x: Float64Array.from(ox), y: Float64Array.from(oy) };
    },
  };
}
