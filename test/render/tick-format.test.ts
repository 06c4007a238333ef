import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatTick, tickDecimals } from "../../src/render/charts/tick-format.js";

describe("tickDecimals(step)", () => {
  it.each([
    [5, 0],
    [1, 0],
    [0.5, 1],
    [0.2, 1],
    [0.25, 2],
    [0.1 + 0.2, 1],
    [1e-3, 3],
    [2e-7, 7],
    [0, 0],
    [NaN, 0],
  ])("tickDecimals(%s) = %s", (step, d) => {
    expect(tickDecimals(step)).toBe(d);
  });

  it("tickDecimals(k·10^-d) ≤ d for integer k", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 8 }), (k, d) => {
        expect(tickDecimals(k / 10 ** d)).toBeLessThanOrEqual(d);
      }),
    );
  });
});

describe("formatTick(value, step)", () => {
  it.each([
    [0.4, 0.2, "0.4"],
    [1, 0.2, "1.0"],
    [-0.5, 0.25, "\u22120.50"],
    [-2, 1, "\u22122"],
    [12000, 2000, "12,000"],
    [-1e-17, 0.2, "0.0"],
    [-0, 1, "0"],
  ])("formatTick(%s, %s) = %s", (value, step, label) => {
    expect(formatTick(value, step)).toBe(label);
  });

  it.each([
    [4e-7, 2e-7, 1e-6, "0.4e\u22126"],
    [1e-6, 2e-7, 1e-6, "1.0e\u22126"],
    [-1.5e-7, 5e-8, 2e-7, "\u22121.5e\u22127"],
    [0, 2e-7, 1e-6, "0"],
    [3e-23, 2e-7, 1e-6, "0"],
    [2e15, 5e14, 3e15, "2.0e15"],
    [0.0004, 0.0002, 0.001, "0.0004"],
  ])("formatTick(%s, %s, magnitude %s) = %s: scientific below 1e-4 and from 1e15", (value, step, magnitude, label) => {
    expect(formatTick(value, step, magnitude)).toBe(label);
  });

  it("formatTick(x, step) reads back as x rounded to the step's decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: 0, max: 4 }), (k, d) => {
        const step = 1 / 10 ** d;
        const label = formatTick(k * step, step);
        expect(Number(label.replaceAll("\u2212", "-").replaceAll(",", ""))).toBeCloseTo(k * step, d);
        expect(label).not.toContain("-");
      }),
    );
  });
});

describe("formatTick(value, step) against Intl.NumberFormat", () => {
  // Ticks are multiples of the step, as Chart.js computes them (with float noise). Off that
  // grid the two may differ in the last digit: toFixed rounds the double's exact value,
  // ICU its shortest decimal form (-5266433.299766535 to 8 decimals: ...53 vs ...54).
  it("formatTick(k * step, step) equals en-US Intl formatting with the step's decimals (minus as U+2212, no −0)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 8 }), fc.constantFrom(1, 2, 2.5, 5), (k, d, m) => {
        const step = m * 10 ** -d;
        const v = k * step;
        const decimals = tickDecimals(step);
        const intl = new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);
        const expected = /^-0(\.0*)?$/.test(intl) ? intl.slice(1) : intl.replace("-", "\u2212");
        return formatTick(v, step, 1) === expected;
      }),
      { numRuns: 3000 },
    );
  });
});

describe("formatTick on extreme magnitudes (issue #7)", () => {
  it("formatTick(a subnormal tick) uses exponent notation with true minus signs", () => {
    expect(formatTick(1e-310, 1e-310)).toBe("1.000e\u2212310");
    expect(formatTick(-2e-320, 1e-320)).toBe("\u22122.000e\u2212320");
    expect(formatTick(0, 1e-320)).toBe("0");
  });

  it("formatTick near the largest double keeps the magnitude's exponent", () => {
    expect(formatTick(-1.6e308, 2e307, 1.6e308)).toBe("\u22121.6e308");
  });
});
