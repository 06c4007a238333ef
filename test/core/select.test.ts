import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { selectRanks } from "../../src/core/select.js";

const sorted = (xs: readonly number[]) => Float64Array.from(xs).sort();

describe("selectRanks(a, ranks)", () => {
  it("selectRanks(a, ranks) equals the sorted array at those ranks, sign of zero included (property)", () => {
    const value = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1, 5e-324, Infinity, -Infinity), fc.integer({ min: -3, max: 3 }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 400 }).chain((xs) => fc.tuple(fc.constant(xs), fc.array(fc.nat({ max: xs.length - 1 }), { minLength: 1, maxLength: 8 }))), ([xs, ranks]) => {
        const got = selectRanks(Float64Array.from(xs), ranks);
        const s = sorted(xs);
        ranks.forEach((k, j) => expect(Object.is(got[j], s[k]), `rank ${k}: ${got[j]} vs ${s[k]}`).toBe(true));
      }),
      { numRuns: 400 },
    );
  });

  it("selectRanks on 100,000 zeros and a few values (a ReLU column) is exact", () => {
    const a = new Float64Array(100_000);
    a[5] = 3;
    a[99_999] = -2;
    a[40_000] = -0;
    const s = Float64Array.from(a).sort();
    const ranks = [0, 1, 2, 50_000, 99_998, 99_999];
    expect(Array.from(selectRanks(Float64Array.from(a), ranks))).toEqual(ranks.map((k) => s[k]));
  });

  it("selectRanks on sorted, reversed and organ-pipe arrays of 50,000 (pivot worst cases) is exact", () => {
    const n = 50_000;
    const inputs = [
      Float64Array.from({ length: n }, (_, i) => i),
      Float64Array.from({ length: n }, (_, i) => n - i),
      Float64Array.from({ length: n }, (_, i) => Math.min(i, n - i)),
    ];
    for (const a of inputs) {
      const s = Float64Array.from(a).sort();
      const ranks = [0, 12_499, 12_500, 25_000, 37_500, n - 1];
      expect(Array.from(selectRanks(a, ranks))).toEqual(ranks.map((k) => s[k]));
    }
  });

  it("selectRanks(a, [n]) is a RangeError naming the valid ranks", () => {
    expect(() => selectRanks(Float64Array.from([1, 2]), [2])).toThrow(new RangeError("rank 2 is out of range (valid: 0-1)"));
  });
});
