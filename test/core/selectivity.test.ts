import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { selectivity } from "../../src/core/selectivity.js";

describe("selectivity(means)", () => {
  it("selectivity([1, 0, 0]) is 1: a neuron that fires for one class only", () => {
    expect(selectivity([1, 0, 0])).toEqual({ preferred: 0, index: 1 });
  });

  it("selectivity([2, 4, 0]) is (4 - 1) / (4 + 1), preferring class 1", () => {
    expect(selectivity([2, 4, 0])).toEqual({ preferred: 1, index: 3 / 5 });
  });

  it("selectivity of equal means is 0 with no preferred class; all zeros (a dead neuron) is NaN", () => {
    expect(selectivity([3, 3, 3])).toEqual({ preferred: -1, index: 0 });
    expect(selectivity([0, 0, 0])).toEqual({ preferred: -1, index: NaN });
  });

  it("selectivity is NaN when μmax + μrest ≤ 0 (negative means), the preferred class still the largest", () => {
    expect(selectivity([-1, -2])).toEqual({ preferred: 0, index: NaN });
    expect(selectivity([1, -1])).toEqual({ preferred: 0, index: NaN });
  });

  it("selectivity leaves out NaN class means; one finite mean gives NaN", () => {
    expect(selectivity([NaN, 4, 0])).toEqual({ preferred: 1, index: 1 });
    // one finite mean: nothing to prefer it over
    expect(selectivity([NaN, 4])).toEqual({ preferred: -1, index: NaN });
    expect(selectivity([NaN, NaN])).toEqual({ preferred: -1, index: NaN });
  });

  // (means of 0 or at least 1e-100: scaling a subnormal by 1e-3 would round it to 0)
  it("selectivity of non-negative means lies in [0, 1] and is unchanged by scaling", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e3, noNaN: true }).map((v) => (v < 1e-100 ? 0 : v)), { minLength: 2, maxLength: 12 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (means, k) => {
        const s = selectivity(means);
        if (Number.isNaN(s.index)) return;
        expect(s.index).toBeGreaterThanOrEqual(0);
        expect(s.index).toBeLessThanOrEqual(1 + 1e-15);
        const scaled = selectivity(means.map((v) => v * k)).index;
        expect(Math.abs(scaled - s.index)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });
});
