import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dashPolyline } from "../../src/render/plugins/dash.js";

/** The pieces of a NaN-separated polyline, each as [x, y] pairs. */
function pieces(p: { x: Float64Array; y: Float64Array }): [number, number][][] {
  const out: [number, number][][] = [[]];
  for (let i = 0; i < p.x.length; i++) {
    if (Number.isNaN(p.y[i]!)) out.push([]);
    else out[out.length - 1]!.push([p.x[i]!, p.y[i]!]);
  }
  return out.filter((piece) => piece.length > 0);
}
const length = (piece: [number, number][]) => piece.slice(1).reduce((s, [x, y], i) => s + Math.hypot(x - piece[i]![0], y - piece[i]![1]), 0);

describe("dashPolyline(xs, ys, pattern)", () => {
  it("dashPolyline(a straight line of 20, 5, 3) gives dashes of 5 starting every 8", () => {
    const d = pieces(dashPolyline([0, 20], [0, 0], [5, 3]));
    expect(d).toEqual([[[0, 0], [5, 0]], [[8, 0], [13, 0]], [[16, 0], [20, 0]]]);
  });

  it("dashPolyline(a bent line) carries the pattern around the corner, keeping the corner in its dash", () => {
    const d = pieces(dashPolyline([0, 4, 4], [0, 0, 4], [6, 1]));
    expect(d[0]).toEqual([[0, 0], [4, 0], [4, 2]]);
    expect(d[1]![0]).toEqual([4, 3]);
  });

  it("dashPolyline(line with a break) restarts the pattern after the break", () => {
    const d = pieces(dashPolyline([0, 3, NaN, 10, 13], [0, 0, NaN, 0, 0], [2, 2]));
    expect(d).toEqual([[[0, 0], [2, 0]], [[10, 0], [12, 0]]]);
  });

  it("dashPolyline(any line) draws `on` of every `on + off` of its length, in pieces no longer than `on`", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true })), { minLength: 2, maxLength: 20 }), fc.double({ min: 0.5, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (pts, on, off) => {
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        const total = length(pts);
        const drawn = pieces(dashPolyline(xs, ys, [on, off])).map(length);
        // whole periods, then what is left of the last (k and the rest computed together, so a
        // total that is a whole number of periods up to rounding counts the same either way)
        const k = Math.floor(total / (on + off));
        const expected = k * on + Math.min(on, Math.max(0, total - k * (on + off)));
        return drawn.every((l) => l <= on + 1e-6) && Math.abs(drawn.reduce((a, b) => a + b, 0) - expected) < 1e-6 * Math.max(1, total);
      }),
    );
  });

  it("dashPolyline(a line of exactly 5 periods, up to rounding) draws its whole length (fast-check found it)", () => {
    const d = pieces(dashPolyline([0, 49.999999999999936], [0, 0], [9.999999999999988, 0]));
    expect(d.map(length).reduce((a, b) => a + b, 0)).toBeCloseTo(49.999999999999936, 9);
  });

  it("dashPolyline(a straight line of 20, [6, 2, 1, 2]) gives a dash of 6 and a dot of 1 every 11", () => {
    const d = pieces(dashPolyline([0, 20], [0, 0], [6, 2, 1, 2]));
    expect(d).toEqual([[[0, 0], [6, 0]], [[8, 0], [9, 0]], [[11, 0], [17, 0]], [[19, 0], [20, 0]]]);
  });

  it("dashPolyline(line, [3]) repeats an odd pattern once, as a canvas does: [3, 3]", () => {
    expect(pieces(dashPolyline([0, 12], [0, 0], [3]))).toEqual(pieces(dashPolyline([0, 12], [0, 0], [3, 3])));
  });

  it("dashPolyline(bad pattern) is a RangeError", () => {
    expect(() => dashPolyline([0, 1], [0, 1], [])).toThrow(/dash pattern \[\]/);
    expect(() => dashPolyline([0, 1], [0, 1], [0, 1])).toThrow(/dash pattern \[0, 1\]/);
    expect(() => dashPolyline([0, 1], [0], [1, 1])).toThrow(/2 x values but 1 y values/);
  });
});
