/**
 * The "on" pieces of a dashed polyline, as one polyline whose pieces are separated by NaN
 * (what strokeArea and the polyline plugin read as breaks). The pattern is `on` length drawn,
 * `off` length skipped, measured along the line and restarted after every break (as a canvas
 * restarts its dash pattern on each subpath). Lengths in the points' units; on > 0, off >= 0.
 */
export function dashPolyline(xs: ArrayLike<number>, ys: ArrayLike<number>, on: number, off: number): { x: Float64Array; y: Float64Array } {
  if (xs.length !== ys.length) throw new RangeError(`polyline has ${xs.length} x values but ${ys.length} y values`);
  if (!(on > 0 && off >= 0 && Number.isFinite(on) && Number.isFinite(off))) throw new RangeError(`dash pattern [${on}, ${off}] is not usable (expected on > 0, off >= 0)`);
  const ox: number[] = [];
  const oy: number[] = [];
  const brk = () => {
    if (ox.length > 0 && !Number.isNaN(oy[oy.length - 1]!)) {
      ox.push(NaN);
      oy.push(NaN);
    }
  };
  let drawing = true;
  let left = on; // length left in the current dash or gap
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
      [drawing, left, fresh] = [true, on, false];
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
      if (drawing) {
        ox.push(px);
        oy.push(py);
        brk();
      } else {
        ox.push(px);
        oy.push(py);
      }
      drawing = !drawing;
      left = drawing ? on : off;
    }
    left -= len - t;
    if (drawing) {
      ox.push(x);
      oy.push(y);
    }
  }
  return { x: Float64Array.from(ox), y: Float64Array.from(oy) };
}
