/**
 * The "on" pieces of a dashed polyline, as one polyline whose pieces are separated by NaN
 * (what strokeArea and the polyline plugin read as breaks). `pattern` alternates lengths drawn
 * and skipped, as a canvas's setLineDash takes it ([on, off], or [dash, gap, dot, gap] for a
 * dash-dot line; an odd-length pattern is repeated once, as a canvas does), measured along the
 * line and restarted after every break (as a canvas restarts its dash pattern on each subpath).
 * Lengths in the points' units: every "on" > 0, every "off" >= 0.
 */
export function dashPolyline(xs: ArrayLike<number>, ys: ArrayLike<number>, pattern: readonly number[]): { x: Float64Array; y: Float64Array } {
  if (xs.length !== ys.length) throw new RangeError(`polyline has ${xs.length} x values but ${ys.length} y values`);
  const steps = pattern.length % 2 === 1 ? [...pattern, ...pattern] : [...pattern];
  if (steps.length === 0 || !steps.every((v, i) => Number.isFinite(v) && (i % 2 === 0 ? v > 0 : v >= 0))) {
    throw new RangeError(`dash pattern [${pattern.join(", ")}] is not usable (expected lengths drawn > 0 and skipped >= 0)`);
  }
  const ox: number[] = [];
  const oy: number[] = [];
  const brk = () => {
    if (ox.length > 0 && !Number.isNaN(oy[oy.length - 1]!)) {
      ox.push(NaN);
      oy.push(NaN);
    }
  };
  let step = 0; // the pattern's entry being drawn (even) or skipped (odd)
  let left = steps[0]!; // length left in the current dash or gap
  let fresh = true; // the next finite point starts a subpath
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k]!;
    const y = ys[k]!;
    if (!(Number.isFinite(x) && Number.isFinite(y))) {
      brk();
      fresh = true;
      continue;
    }
    if (fresh) {
      [step, left, fresh] = [0, steps[0]!, false];
      ox.push(x);
      oy.push(y);
      continue;
    }
    const x0 = xs[k - 1]!;
    const y0 = ys[k - 1]!;
    const len = Math.hypot(x - x0, y - y0);
    let t = 0;
    while (len - t > left) {
      t += left;
      const [px, py] = [x0 + ((x - x0) * t) / len, y0 + ((y - y0) * t) / len];
      ox.push(px);
      oy.push(py);
      if (step % 2 === 0) brk();
      step = (step + 1) % steps.length;
      left = steps[step]!;
    }
    left -= len - t;
    if (step % 2 === 0) {
      ox.push(x);
      oy.push(y);
    }
  }
  return { x: Float64Array.from(ox), y: Float64Array.from(oy) };
}
