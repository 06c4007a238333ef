import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reduceToPixelColumns } from "../../src/render/plugins/line-reduce.js";

const f64 = (a: number[]) => Float64Array.from(a);

describe("reduceToPixelColumns(px, py)", () => {
  it("reduceToPixelColumns(few points per column) returns the inputs themselves", () => {
    const x = f64([0, 1.5, 2, 3]);
    const y = f64([1, 2, 3, 4]);
    expect(reduceToPixelColumns(x, y)).toEqual({ x, y });
    expect(reduceToPixelColumns(x, y).x).toBe(x);
  });

  it("reduceToPixelColumns(many points) keeps each column's first, lowest, highest and last point, in x order", () => {
    // 10 points in each of the columns 0 and 1
    const x = f64(Array.from({ length: 20 }, (_, i) => i / 10));
    const y = f64([5, 3, 9, 1, 7, 2, 8, 4, 6, 5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const keep = [0, 2, 3, 9, 10, 19]; // column 0: first, highest (9), lowest (1), last; column 1: first = lowest, last = highest
    expect(reduceToPixelColumns(x, y)).toEqual({ x: f64(keep.map((i) => x[i]!)), y: f64(keep.map((i) => y[i]!)) });
  });

  it("reduceToPixelColumns(points with a NaN) keeps the break between the column groups around it", () => {
    const x = f64(Array.from({ length: 20 }, (_, i) => i / 20));
    const y = f64(Array.from({ length: 20 }, (_, i) => (i === 10 ? NaN : i)));
    const r = reduceToPixelColumns(x, y);
    expect(Array.from(r.y)).toEqual([0, 9, NaN, 11, 19]);
    expect(Array.from(r.x)).toEqual([0, 9, 10, 11, 19].map((i) => x[i]));
  });

  it("reduceToPixelColumns(random dense line) keeps at most 4 points (and each break) per column, every column's extremes, and both ends", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 50, maxLength: 400 }), fc.integer({ min: 1, max: 10 }), (ys, columns) => {
        const n = ys.length;
        const x = Float64Array.from(ys, (_, i) => (i * columns) / n);
        const y = Float64Array.from(ys);
        const r = reduceToPixelColumns(x, y);
        if (n <= 4 * (x[n - 1]! - x[0]! + 1)) return r.x === x;
        if (r.x[0] !== x[0] || r.x[r.x.length - 1] !== x[n - 1]) return false;
        for (let c = 0; c < columns; c++) {
          const inCol = (v: number) => Math.floor(v) === c;
          const kept = Array.from(r.y).filter((_, k) => inCol(r.x[k]!));
          const all = Array.from(y).filter((_, k) => inCol(x[k]!));
          if (all.length === 0) continue;
          if (kept.length > 4 || Math.min(...kept) !== Math.min(...all) || Math.max(...kept) !== Math.max(...all)) return false;
        }
        return true;
      }),
    );
  });

  it("reduceToPixelColumns(unequal lengths) is a RangeError", () => {
    expect(() => reduceToPixelColumns(f64([1, 2]), f64([1]))).toThrow(/2 x values but 1 y values/);
  });
});
