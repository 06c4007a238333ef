/** An x-interval [from, to]. */
export interface Interval {
  from: number;
  to: number;
}

/**
 * The x-intervals of [xs[0], xs[n-1]] where |df(x)| < eps: the vanishing-gradient zones of
 * sigmoid and tanh, ReLU's dead side. Runs of grid points below eps are found first; each edge
 * between a point inside and a point outside is then refined by bisection on df, so the shaded
 * zone does not depend on the sample spacing.
 */
export function saturationIntervals(df: (x: number) => number, xs: ArrayLike<number>, eps: number): Interval[] {
  if (!(eps > 0)) throw new RangeError(`saturation threshold must be above 0 (got ${eps})`);
  const n = xs.length;
  const inside = (x: number) => Math.abs(df(x)) < eps;
  const out: Interval[] = [];
  let start = -1;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    if (inside(x)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push({ from: edge(inside, xs, start), to: bisect(inside, xs[i - 1]!, x) });
      start = -1;
    }
  }
  if (start >= 0) out.push({ from: edge(inside, xs, start), to: xs[n - 1]! });
  return out;
}

function edge(inside: (x: number) => boolean, xs: ArrayLike<number>, start: number): number {
  return start === 0 ? xs[0]! : bisect(inside, xs[start]!, xs[start - 1]!);
}

/** The boundary between `a` (inside) and `b` (outside), to about 1e-12 of their distance. */
function bisect(inside: (x: number) => boolean, a: number, b: number): number {
  for (let k = 0; k < 40; k++) {
    const m = (a + b) / 2;
    if (m === a || m === b) break;
    if (inside(m)) a = m;
    else b = m;
  }
  return a;
}
