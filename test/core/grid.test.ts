import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linspace } from "../../src/core/grid.js";

describe("linspace", () => {
  it("linspace(0, 1, 5) is [0, 0.25, 0.5, 0.75, 1]", () => {
    expect(Array.from(linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
  it("linspace(min, max, 2) is [min, max]", () => {
    expect(Array.from(linspace(-3.7, 1e-9, 2))).toEqual([-3.7, 1e-9]);
  });
  it("linspace(-10, 10, 1001)[i] is the double nearest (i − 500)/50, 0 included", () => {
    const xs = linspace(-10, 10, 1001);
    expect(xs.length).toBe(1001);
    for (let i = 0; i < 1001; i++) expect(xs[i], `i = ${i}`).toBe((i - 500) / 50);
    expect(xs[500]).toBe(0);
    expect(xs[501]).toBe(0.02);
  });
  it("linspace(-10, 10, 2001)[i] is the double nearest (i − 1000)/100", () => {
    const xs = linspace(-10, 10, 2001);
    for (let i = 0; i < 2001; i++) expect(xs[i], `i = ${i}`).toBe((i - 1000) / 100);
  });
  it("linspace(0.1, 0.7, 7) keeps both ends exactly although 0.1·6/6 rounds", () => {
    const xs = linspace(0.1, 0.7, 7);
    expect([xs[0], xs[6]]).toEqual([0.1, 0.7]);
  });
  it("linspace(-1.7e308, 1.7e308, 5) does not overflow", () => {
    const xs = Array.from(linspace(-1.7e308, 1.7e308, 5));
    expect(xs.every(Number.isFinite)).toBe(true);
    expect(xs[2]).toBe(0);
    expect([xs[0], xs[4]]).toEqual([-1.7e308, 1.7e308]);
  });
  it("linspace(1e16, 1e16 + 4, 1000) is nondecreasing although the step is below an ulp", () => {
    const xs = linspace(1e16, 1e16 + 4, 1000);
    for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThanOrEqual(xs[i - 1]!);
  });
  it("linspace(min, max, n) has length n, exact ends, and is nondecreasing within [min, max]", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 2, max: 300 }),
        (a, b, n) => {
          if (a === b) return;
          const [min, max] = a < b ? [a, b] : [b, a];
          const xs = linspace(min, max, n);
          expect(xs.length).toBe(n);
          expect(xs[0]).toBe(min);
          expect(xs[n - 1]).toBe(max);
          for (let i = 1; i < n; i++) {
            expect(xs[i]!).toBeGreaterThanOrEqual(xs[i - 1]!);
            expect(Number.isFinite(xs[i]!)).toBe(true);
          }
        },
      ),
    );
  });
  it("linspace points are within an ulp-scale error of min + (max − min)·i/(n − 1)", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
        fc.double({ noNaN: true, min: 1e-3, max: 1e6 }),
        fc.integer({ min: 2, max: 200 }),
        (min, width, n) => {
          const max = min + width;
          if (!(min < max)) return;
          const xs = linspace(min, max, n);
          const scale = Math.max(Math.abs(min), Math.abs(max));
          for (let i = 0; i < n; i++) {
            const exact = min + ((max - min) * i) / (n - 1);
            expect(Math.abs(xs[i]! - exact)).toBeLessThanOrEqual(4 * Number.EPSILON * scale);
          }
        },
      ),
    );
  });
  it("linspace(min, max, n) throws RangeError for n < 2", () => {
    expect(() => linspace(0, 1, 1)).toThrow(new RangeError("linspace needs an integer n >= 2 (got n=1)"));
  });
  it("linspace(min, max, n) throws RangeError for a non-integer n", () => {
    expect(() => linspace(0, 1, 2.5)).toThrow(RangeError);
    expect(() => linspace(0, 1, NaN)).toThrow(RangeError);
    expect(() => linspace(0, 1, Infinity)).toThrow(RangeError);
  });
  it("linspace(min, max, n) throws RangeError when min >= max", () => {
    expect(() => linspace(1, 1, 3)).toThrow(new RangeError("linspace needs min < max (got min=1, max=1)"));
    expect(() => linspace(2, 1, 3)).toThrow(RangeError);
  });
  it("linspace(min, max, n) throws RangeError for non-finite ends", () => {
    expect(() => linspace(-Infinity, 1, 3)).toThrow(RangeError);
    expect(() => linspace(0, NaN, 3)).toThrow(/finite ends/);
  });
});
