/** A rectangle of whole device pixels: columns left..right-1, rows top..bottom-1. */
export interface PixelRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Sample columns per pixel column: coverage is exact along y and 4-times supersampled along x. */
const SUB = 4;

/**
 * Where strokeArea puts its result, reusable from one stroke to the next (no allocation per
 * chart): `area` is COLUMN-major (pixel (i, j) at i * height + j) and zero outside the rows
 * top[i]..bottom[i] of each column i (none when top[i] > bottom[i]).
 */
export class StrokeBuffer {
  /** The sample-column spans of the stroke being drawn (kept for their capacity). */
  readonly spans = new SpanList();
  area = new Float32Array(0);
  top = new Int32Array(0);
  bottom = new Int32Array(0);
  width = 0;
  height = 0;

  /** Zeroes what the last stroke touched and sizes the buffer for a w x h rect. */
  reset(w: number, h: number): void {
    for (let i = 0; i < this.width; i++) {
      if (this.top[i]! <= this.bottom[i]!) this.area.fill(0, i * this.height + this.top[i]!, i * this.height + this.bottom[i]! + 1);
    }
    if (this.area.length < w * h) this.area = new Float32Array(w * h);
    if (this.top.length < w) {
      this.top = new Int32Array(w);
      this.bottom = new Int32Array(w);
    }
    this.top.fill(h, 0, w);
    this.bottom.fill(-1, 0, w);
    this.width = w;
    this.height = h;
  }
}

/**
 * The area of each pixel of `rect` inside a polyline stroked `width` device pixels wide with
 * round joins and caps, from 0 to 1 (may exceed 1 by rounding), in `into` (see StrokeBuffer
 * for the layout). Points are in device pixels (pixel (i, j) spans [i, i+1) x [j, j+1)); a
 * non-finite coordinate breaks the line, as Chart.js does for a gap. On SUB sample columns per
 * pixel each segment's capsule covers one exact y interval; the intervals of all segments are
 * merged per sample column (so overlaps never darken, and dense zigzags fill solid as in
 * cairo), then summed into the pixels. The work is proportional to the stroked area, not to
 * the points times the image size.
 * Throws RangeError for unequal lengths, a bad width or a rect of partial pixels.
 */
export function strokeArea(xs: ArrayLike<number>, ys: ArrayLike<number>, width: number, rect: PixelRect, into: StrokeBuffer): StrokeBuffer {
  if (xs.length !== ys.length) throw new RangeError(`polyline has ${xs.length} x values but ${ys.length} y values`);
  const w = rect.right - rect.left;
  const h = rect.bottom - rect.top;
  if (!(Number.isInteger(w) && Number.isInteger(h) && w >= 0 && h >= 0 && Number.isInteger(rect.left) && Number.isInteger(rect.top))) {
    throw new RangeError(`pixel rect ${JSON.stringify(rect)} is not a rectangle of whole pixels`);
  }
  if (!(width > 0 && Number.isFinite(width))) throw new RangeError(`stroke width ${width} is not a positive number`);
  const spans = into.spans;
  spans.length = 0;
  for (let k = 1; k < xs.length; k++) {
    const x0 = xs[k - 1]!;
    const y0 = ys[k - 1]!;
    const x1 = xs[k]!;
    const y1 = ys[k]!;
    if (!(Number.isFinite(x0) && Number.isFinite(y0) && Number.isFinite(x1) && Number.isFinite(y1))) continue;
    capsuleSpans(spans, x0 - rect.left, y0 - rect.top, x1 - rect.left, y1 - rect.top, width / 2, w * SUB, h);
  }
  into.reset(w, h);
  rasterise(spans, w, h, into);
  return into;
}

/** Growable lists of (sample column, y from, y to). */
class SpanList {
  length = 0;
  col = new Int32Array(1024);
  lo = new Float64Array(1024);
  hi = new Float64Array(1024);
  push(col: number, lo: number, hi: number): void {
    if (this.length === this.col.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.col = grow(this.col);
      this.lo = grow(this.lo);
      this.hi = grow(this.hi);
    }
    this.col[this.length] = col;
    this.lo[this.length] = lo;
    this.hi[this.length++] = hi;
  }
}

/**
 * Pushes, for every sample column the capsule of radius r around segment (x0,y0)-(x1,y1)
 * crosses, the y interval it covers there (clipped to 0..h). The capsule is convex, so that
 * set is one interval: the hull of the intervals of its two end discs and of its body.
 */
function capsuleSpans(spans: SpanList, x0: number, y0: number, x1: number, y1: number, r: number, cols: number, h: number): void {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = Math.hypot(dx, dy);
  const ux = len > 0 ? dx / len : 1;
  const uy = len > 0 ? dy / len : 0;
  const from = Math.max(0, Math.ceil((Math.min(x0, x1) - r) * SUB - 0.5));
  const to = Math.min(cols - 1, Math.floor((Math.max(x0, x1) + r) * SUB - 0.5));
  const r2 = r * r;
  for (let s = from; s <= to; s++) {
    const x = (s + 0.5) / SUB;
    let lo = Infinity;
    let hi = -Infinity;
    const e0 = x - x0;
    if (e0 * e0 <= r2) {
      const half = Math.sqrt(r2 - e0 * e0);
      lo = y0 - half;
      hi = y0 + half;
    }
    const e1 = x - x1;
    if (e1 * e1 <= r2) {
      const half = Math.sqrt(r2 - e1 * e1);
      lo = Math.min(lo, y1 - half);
      hi = Math.max(hi, y1 + half);
    }
    if (len > 0) {
      // body: 0 <= along(y) <= len and |across(y)| <= r, both linear in y on this column
      let bodyLo = -Infinity;
      let bodyHi = Infinity;
      const along = e0 * ux; // along(y) = along + (y - y0) * uy
      if (Math.abs(uy) > 1e-12) {
        const a = y0 - along / uy;
        const b = y0 + (len - along) / uy;
        bodyLo = Math.min(a, b);
        bodyHi = Math.max(a, b);
      } else if (along < 0 || along > len) bodyHi = -Infinity;
      const across = -e0 * uy; // across(y) = across + (y - y0) * ux
      if (Math.abs(ux) > 1e-12) {
        const a = y0 + (-r - across) / ux;
        const b = y0 + (r - across) / ux;
        bodyLo = Math.max(bodyLo, Math.min(a, b));
        bodyHi = Math.min(bodyHi, Math.max(a, b));
      } else if (Math.abs(across) > r) bodyHi = -Infinity;
      if (bodyLo < bodyHi) {
        lo = Math.min(lo, bodyLo);
        hi = Math.max(hi, bodyHi);
      }
    }
    lo = Math.max(lo, 0);
    hi = Math.min(hi, h);
    if (lo < hi) spans.push(s, lo, hi);
  }
}

/** Merges the spans of each sample column and adds their lengths per pixel to the buffer. */
function rasterise(spans: SpanList, w: number, h: number, into: StrokeBuffer): void {
  const { area, top, bottom } = into;
  const cols = w * SUB;
  const start = new Int32Array(cols + 1);
  for (let i = 0; i < spans.length; i++) start[spans.col[i]! + 1]!++;
  for (let c = 0; c < cols; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, cols);
  const lo = new Float64Array(spans.length);
  const hi = new Float64Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const at = fill[spans.col[i]!]!++;
    lo[at] = spans.lo[i]!;
    hi[at] = spans.hi[i]!;
  }
  for (let c = 0; c < cols; c++) {
    const a = start[c]!;
    const b = start[c + 1]!;
    if (a === b) continue;
    // insertion sort by lo: a column holds few spans
    for (let i = a + 1; i < b; i++) {
      const l = lo[i]!;
      const u = hi[i]!;
      let j = i - 1;
      while (j >= a && lo[j]! > l) {
        lo[j + 1] = lo[j]!;
        hi[j + 1] = hi[j]!;
        j--;
      }
      lo[j + 1] = l;
      hi[j + 1] = u;
    }
    const px = Math.floor(c / SUB);
    let curLo = lo[a]!;
    let curHi = hi[a]!;
    for (let i = a + 1; i <= b; i++) {
      if (i < b && lo[i]! <= curHi) {
        curHi = Math.max(curHi, hi[i]!);
        continue;
      }
      addSpan(area, px * h, curLo, curHi);
      top[px] = Math.min(top[px]!, Math.floor(curLo));
      bottom[px] = Math.max(bottom[px]!, Math.ceil(curHi) - 1);
      if (i < b) {
        curLo = lo[i]!;
        curHi = hi[i]!;
      }
    }
  }
}

/** Adds a sample column's share (1/SUB of each pixel) of [lo, hi] to the pixel column starting at `base`. */
function addSpan(area: Float32Array, base: number, lo: number, hi: number): void {
  const first = Math.floor(lo);
  const last = Math.ceil(hi) - 1; // hi <= h, so last < h
  if (first === last) {
    area[base + first]! += (hi - lo) / SUB;
    return;
  }
  area[base + first]! += (first + 1 - lo) / SUB;
  for (let j = first + 1; j < last; j++) area[base + j]! += 1 / SUB;
  area[base + last]! += (hi - last) / SUB;
}
