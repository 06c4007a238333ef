/** Where a function jumps: its one-sided limits at `x` and its value there. */
export interface Jump {
  x: number;
  left: number;
  right: number;
  at: number;
}

/**
 * The points among `kinks` strictly inside (from, to) where `g` jumps: its values just left and
 * just right of the point (at a relative distance of 1e-9) differ by more than 1e-6 of their
 * size. A kink where g is only not differentiable (ReLU at 0) is no jump of g; it may be one of
 * g′. Non-finite one-sided values are not jumps (a pole is a gap of its own).
 */
export function jumpsAt(g: (x: number) => number, kinks: readonly number[], from: number, to: number): Jump[] {
  const out: Jump[] = [];
  for (const k of kinks) {
    if (!(k > from && k < to)) continue;
    const h = Math.max(Math.abs(k), 1) * 1e-9;
    const left = g(k - h);
    const right = g(k + h);
    if (!Number.isFinite(left) || !Number.isFinite(right)) continue;
    if (Math.abs(left - right) > 1e-6 * Math.max(1, Math.abs(left), Math.abs(right))) out.push({ x: k, left, right, at: g(k) });
  }
  return out.sort((a, b) => a.x - b.x);
}

/**
 * The samples (x ascending) with each jump made a break: samples at the jump's x are replaced
 * by its left limit, a gap (NaN) and its right limit, so a line drawn through them stops at the
 * limits instead of joining them with a vertical segment. New arrays; the inputs are kept.
 */
export function breakAtJumps(x: Float64Array, y: Float64Array, jumps: readonly Jump[]): { x: Float64Array; y: Float64Array } {
  if (jumps.length === 0) return { x, y };
  const ox: number[] = [];
  const oy: number[] = [];
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    while (j < jumps.length && jumps[j]!.x <= x[i]!) {
      const jump = jumps[j++]!;
      ox.push(jump.x, jump.x, jump.x);
      oy.push(jump.left, NaN, jump.right);
    }
    if (j > 0 && x[i] === jumps[j - 1]!.x) continue;
    ox.push(x[i]!);
    oy.push(y[i]!);
  }
  for (; j < jumps.length; j++) {
    const jump = jumps[j]!;
    ox.push(jump.x, jump.x, jump.x);
    oy.push(jump.left, NaN, jump.right);
  }
  return { x: Float64Array.from(ox), y: Float64Array.from(oy) };
}

/**
 * The dots a textbook draws at a jump: filled at the value the function takes there, hollow at
 * each one-sided limit it does not take (within 1e-9 of the limit's size).
 */
export function jumpDots(jump: Jump): { x: number; y: number; open: boolean }[] {
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  const dots = [];
  if (!same(jump.at, jump.left)) dots.push({ x: jump.x, y: jump.left, open: true });
  if (!same(jump.at, jump.right)) dots.push({ x: jump.x, y: jump.right, open: true });
  if (Number.isFinite(jump.at)) dots.push({ x: jump.x, y: jump.at, open: false });
  return dots;
}

/**
 * Breaks (NaN) between consecutive samples where `y` changes by more than a continuous function
 * could: more than 4 times the largest |g′| at the two samples times their spacing, and more
 * than 1e-9 of the values' size. A jump the catalogue does not list (a parameter that moves a
 * kink, a function that is not the catalogue's) then shows as a gap, not a vertical segment.
 * New arrays, or the inputs themselves when there is no such step.
 */
export function breakSteepSteps(x: Float64Array, y: Float64Array, dg: (x: number) => number): { x: Float64Array; y: Float64Array } {
  const cut: number[] = [];
  // |dg| at sample j, each computed once (a step's right end is the next step's left end)
  let known = -1;
  let knownSlope = NaN;
  const slopeAt = (j: number): number => {
    if (j !== known) {
      known = j;
      knownSlope = Math.abs(dg(x[j]!));
    }
    return knownSlope;
  };
  for (let i = 0; i + 1 < x.length; i++) {
    const dy = Math.abs(y[i + 1]! - y[i]!);
    if (!Number.isFinite(dy) || dy === 0) continue;
    const left = slopeAt(i);
    const slope = Math.max(left, slopeAt(i + 1));
    const room = 4 * slope * Math.abs(x[i + 1]! - x[i]!) + 1e-9 * Math.max(1, Math.abs(y[i]!), Math.abs(y[i + 1]!));
    if (Number.isFinite(slope) && dy > room) cut.push(i);
  }
  if (cut.length === 0) return { x, y };
  const ox = new Float64Array(x.length + cut.length);
  const oy = new Float64Array(y.length + cut.length);
  for (let i = 0, k = 0, c = 0; i < x.length; i++) {
    ox[k] = x[i]!;
    oy[k++] = y[i]!;
    if (cut[c] === i) {
      ox[k] = (x[i]! + x[i + 1]!) / 2;
      oy[k++] = NaN;
      c++;
    }
  }
  return { x: ox, y: oy };
}
