import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { saturationIntervals } from "../../src/core/saturation.js";

const grid = (min: number, max: number, n: number) => Float64Array.from({ length: n }, (_, i) => min + ((max - min) * i) / (n - 1));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const dsigmoid = (x: number) => sigmoid(x) * (1 - sigmoid(x));

describe("saturationIntervals(df, xs, eps)", () => {
  it("saturationIntervals(sigmoid′, [-10, 10], 0.05) is the two tails, with edges where σ(1-σ) = 0.05", () => {
    const s = (1 - Math.sqrt(1 - 4 * 0.05)) / 2;
    const edge = Math.log(s / (1 - s));
    const out = saturationIntervals(dsigmoid, grid(-10, 10, 1001), 0.05);
    expect(out).toHaveLength(2);
    expect(out[0]!.from).toBe(-10);
    expect(out[0]!.to).toBeCloseTo(edge, 9);
    expect(out[1]!.from).toBeCloseTo(-edge, 9);
    expect(out[1]!.to).toBe(10);
  });

  it("saturationIntervals(relu′, ...) is ReLU's dead side, ending exactly at 0", () => {
    const out = saturationIntervals((x) => (x > 0 ? 1 : 0), grid(-10, 10, 1001), 0.05);
    expect(out).toEqual([{ from: -10, to: 0 }]);
  });

  it("saturationIntervals(identity′, ...) is empty", () => {
    expect(saturationIntervals(() => 1, grid(-1, 1, 11), 0.05)).toEqual([]);
  });

  it("saturationIntervals(0, ...) covers the whole range", () => {
    expect(saturationIntervals(() => 0, grid(-3, 2, 7), 0.05)).toEqual([{ from: -3, to: 2 }]);
  });

  it("saturationIntervals(df, xs, 0) throws a RangeError", () => {
    expect(() => saturationIntervals(() => 0, grid(0, 1, 3), 0)).toThrow(RangeError);
  });

  it("edges do not depend on the sample count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 3000 }), (n) => {
        const out = saturationIntervals(dsigmoid, grid(-10, 10, n), 0.05);
        const ref = saturationIntervals(dsigmoid, grid(-10, 10, 1001), 0.05);
        return out.length === 2 && Math.abs(out[0]!.to - ref[0]!.to) < 1e-9 && Math.abs(out[1]!.from - ref[1]!.from) < 1e-9;
      }),
      { numRuns: 50 },
    );
  });

  it("every point inside an interval has |df| < eps, and the intervals are ordered and disjoint", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.24, noNaN: true }), (eps) => {
        const out = saturationIntervals(dsigmoid, grid(-10, 10, 501), eps);
        for (let i = 1; i < out.length; i++) if (!(out[i - 1]!.to < out[i]!.from)) return false;
        return out.every((iv) => [iv.from, (iv.from + iv.to) / 2, iv.to].every((x) => Math.abs(dsigmoid(x)) < eps));
      }),
      { numRuns: 50 },
    );
  });
});
