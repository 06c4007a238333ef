import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { finiteExtent, paddedRange, xAxisRange } from "../../src/render/axis-range.js";

const finite = fc.double({ min: -1e12, max: 1e12, noNaN: true });

describe("finiteExtent(arrays)", () => {
  it("finiteExtent([[3, -1], [7]]) = {min: -1, max: 7}", () => {
    expect(finiteExtent([Float64Array.from([3, -1]), [7]])).toEqual({ min: -1, max: 7 });
  });

  it("finiteExtent(arrays) ignores NaN and ±Infinity", () => {
    expect(finiteExtent([[NaN, -Infinity, 2, Infinity, -5]])).toEqual({ min: -5, max: 2 });
  });

  it("finiteExtent([]) and finiteExtent([[NaN, Infinity]]) are undefined", () => {
    expect(finiteExtent([])).toBeUndefined();
    expect(finiteExtent([[NaN, Infinity, -Infinity]])).toBeUndefined();
  });

  it("finiteExtent(arrays) bounds every finite value and attains both ends", () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1 }), (values) => {
        const r = finiteExtent([values])!;
        expect(values.every((v) => r.min <= v && v <= r.max)).toBe(true);
        expect(values).toContain(r.min);
        expect(values).toContain(r.max);
      }),
    );
  });
});

describe("paddedRange(range, fraction)", () => {
  it("paddedRange({0, 1}, 0.1) = {-0.1, 1.1}", () => {
    const r = paddedRange({ min: 0, max: 1 }, 0.1);
    expect(r.min).toBeCloseTo(-0.1, 15);
    expect(r.max).toBeCloseTo(1.1, 15);
  });

  it("paddedRange({c, c}, f) widens a constant by f·|c|, and zero by 1", () => {
    expect(paddedRange({ min: 5, max: 5 }, 0.1)).toEqual({ min: 4.5, max: 5.5 });
    expect(paddedRange({ min: 0, max: 0 }, 0.1)).toEqual({ min: -1, max: 1 });
  });

  it("paddedRange(constant far from 0, tiny f) is still a range of positive span (fast-check found 1e12 with f = 5e-324)", () => {
    const r = paddedRange({ min: 999999999999.9985, max: 999999999999.9985 }, 5e-324);
    expect(r.max).toBeGreaterThan(r.min);
    expect(r.min).toBeLessThan(999999999999.9985);
  });

  it("paddedRange(range, f) contains range and adds the same margin on both sides", () => {
    fc.assert(
      fc.property(finite, finite, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, f) => {
        const range = { min: Math.min(a, b), max: Math.max(a, b) };
        const r = paddedRange(range, f);
        expect(r.min).toBeLessThanOrEqual(range.min);
        expect(r.max).toBeGreaterThanOrEqual(range.max);
        expect(r.max).toBeGreaterThan(r.min);
        const margins = [range.min - r.min, r.max - range.max];
        expect(Math.abs(margins[0]! - margins[1]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
      }),
    );
  });
});

describe("xAxisRange(xs)", () => {
  it("xAxisRange([[-6 .. 6]]) is exactly [-6, 6]", () => {
    expect(xAxisRange([Float64Array.from([-6, 0, 6])])).toEqual({ min: -6, max: 6 });
  });

  it("xAxisRange([[2]]) is [1, 3]; xAxisRange([]) is [-1, 1]", () => {
    expect(xAxisRange([[2]])).toEqual({ min: 1, max: 3 });
    expect(xAxisRange([])).toEqual({ min: -1, max: 1 });
  });
});
