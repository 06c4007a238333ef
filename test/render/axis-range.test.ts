import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { axisSpanProblem, boundedTicks, chartJsTicksSafe, drawableRange, finiteExtent, MIN_SPAN, paddedRange, widened, xAxisRange } from "../../src/render/charts/axis-range.js";

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

describe("drawableRange, boundedTicks, axisSpanProblem (issue #7: no endless tick loops)", () => {
  const MAX = Number.MAX_VALUE;

  it("drawableRange(an ordinary range) returns it unchanged", () => {
    expect(drawableRange({ min: -10, max: 10 })).toEqual({ min: -10, max: 10 });
  });

  it("drawableRange(a subnormal span) widens it around its middle to a normal span", () => {
    const r = drawableRange({ min: 0, max: 1e-320 });
    expect(r.max - r.min).toBeGreaterThanOrEqual(MIN_SPAN);
    expect(r.min).toBeLessThanOrEqual(0);
    expect(r.max).toBeGreaterThanOrEqual(1e-320);
  });

  it("drawableRange(a constant at MAX_VALUE) stays finite and contains it", () => {
    const r = drawableRange({ min: MAX, max: MAX });
    expect(r.max).toBe(MAX);
    expect(r.min).toBeLessThan(MAX);
    expect(Number.isFinite(r.max - r.min)).toBe(true);
  });

  it("drawableRange([-MAX, MAX]) throws a RangeError: the span overflows", () => {
    expect(() => drawableRange({ min: -MAX, max: MAX })).toThrow(RangeError);
  });

  it("boundedTicks(range) gives at most 21 ascending finite ticks inside the range, for extreme ranges too", () => {
    for (const range of [{ min: -MAX, max: 0 }, { min: 0, max: MIN_SPAN }, { min: 1e300, max: 1e300 + 1e290 }, { min: -1, max: 1 }]) {
      const t = boundedTicks(range);
      expect(t.length).toBeGreaterThanOrEqual(2);
      expect(t.length).toBeLessThanOrEqual(21);
      for (let i = 0; i < t.length; i++) {
        expect(Number.isFinite(t[i]!)).toBe(true);
        expect(t[i]!).toBeGreaterThanOrEqual(range.min);
        expect(t[i]!).toBeLessThanOrEqual(range.max);
        if (i > 0) expect(t[i]!).toBeGreaterThan(t[i - 1]!);
      }
    }
  });

  it("boundedTicks([-MAX, 0]) puts ticks on round multiples: -1.6e308 ... 0", () => {
    const t = boundedTicks({ min: -MAX, max: 0 });
    expect(t[t.length - 1]).toBe(0);
    expect(t[0]).toBe(-8 * 2e307);
  });

  it("chartJsTicksSafe keeps ordinary ranges with Chart.js and sends subnormal or huge ones to boundedTicks", () => {
    expect(chartJsTicksSafe({ min: -10, max: 10 })).toBe(true);
    expect(chartJsTicksSafe({ min: 0, max: 1e-6 })).toBe(true);
    expect(chartJsTicksSafe({ min: 0, max: MIN_SPAN })).toBe(false);
    expect(chartJsTicksSafe({ min: -MAX, max: 0 })).toBe(false);
  });

  it("axisSpanProblem names a span too narrow or one that overflows, and accepts an ordinary one", () => {
    expect(axisSpanProblem(-10, 10)).toBeUndefined();
    expect(axisSpanProblem(0, 1e-320)).toMatch(/^spans only 1e-320, too narrow/);
    expect(axisSpanProblem(1, 1 + 2 ** -52)).toMatch(/too narrow/);
    expect(axisSpanProblem(-MAX, MAX)).toMatch(/^spans more than the largest double/);
    expect(axisSpanProblem(-MAX, 0)).toBeUndefined();
  });

  it("paddedRange near MAX_VALUE stops at ±MAX_VALUE instead of overflowing", () => {
    const r = paddedRange({ min: -MAX, max: MAX / 2 }, 0.08);
    expect(r.min).toBe(-MAX);
    expect(Number.isFinite(r.max)).toBe(true);
  });
});

describe("widened(range, below, above)", () => {
  it("widened(an ordinary range, pads) adds the pads exactly", () => {
    expect(widened({ min: -1, max: 3 }, 0.5, 0.25)).toEqual({ min: -1.5, max: 3.25 });
  });

  it("widened near ±MAX_VALUE cuts the pads so the span stays finite", () => {
    for (const range of [{ min: -Number.MAX_VALUE, max: 0 }, { min: 0, max: 1.7976931348623143e308 }, { min: -1e308, max: 7e307 }]) {
      const r = widened(range, range.max - range.min, range.max - range.min);
      expect(Number.isFinite(r.max - r.min)).toBe(true);
      expect(r.min).toBeLessThanOrEqual(range.min);
      expect(r.max).toBeGreaterThanOrEqual(range.max);
    }
  });
});
