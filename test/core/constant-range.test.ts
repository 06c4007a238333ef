import { describe, expect, it } from "vitest";
import { constantRange } from "../../src/core/constant-range.js";

describe("constantRange(v)", () => {
  it("constantRange(5) = [4.5, 5.5], as NumPy widens a constant", () => {
    expect(constantRange(5)).toEqual([4.5, 5.5]);
  });

  it("constantRange(1e300) keeps 1e300 strictly inside, where ±0.5 is lost to rounding", () => {
    const [lo, hi] = constantRange(1e300);
    expect(lo).toBeLessThan(1e300);
    expect(hi).toBeGreaterThan(1e300);
  });

  it("constantRange(±Number.MAX_VALUE) stays within ±Number.MAX_VALUE", () => {
    expect(constantRange(Number.MAX_VALUE)[1]).toBe(Number.MAX_VALUE);
    expect(constantRange(-Number.MAX_VALUE)[0]).toBe(-Number.MAX_VALUE);
    expect(constantRange(Number.MAX_VALUE)[0]).toBeLessThan(Number.MAX_VALUE);
  });

  it("constantRange(5e-324) = [-0.5, 0.5] around a subnormal", () => {
    expect(constantRange(5e-324)).toEqual([-0.5, 0.5]);
  });
});
