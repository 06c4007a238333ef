import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classOrder } from "../../src/core/class-order.js";

describe("classOrder(of, classes)", () => {
  it("classOrder([2, 0, 2, 1, 0], 3) sorts by class, file order within a class, and gives each class's start", () => {
    const { order, starts } = classOrder(Int32Array.from([2, 0, 2, 1, 0]), 3);
    expect(Array.from(order)).toEqual([1, 4, 3, 0, 2]);
    expect(starts).toEqual([0, 2, 3, 5]);
  });

  it("classOrder leaves an empty class a band of width 0", () => {
    expect(classOrder(Int32Array.from([0, 2]), 3).starts).toEqual([0, 1, 1, 2]);
  });

  it("classOrder is a stable sort: a permutation whose classes ascend and whose positions ascend within a class", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 100 }), (classes) => {
        const of = Int32Array.from(classes);
        const { order, starts } = classOrder(of, 5);
        expect([...order].sort((a, b) => a - b)).toEqual(classes.map((_, i) => i));
        for (let k = 1; k < order.length; k++) {
          const [a, b] = [order[k - 1]!, order[k]!];
          expect(of[a]! < of[b]! || (of[a] === of[b] && a < b)).toBe(true);
        }
        for (let c = 0; c < 5; c++) for (let k = starts[c]!; k < starts[c + 1]!; k++) expect(of[order[k]!]).toBe(c);
      }),
    );
  });

  it("classOrder throws a RangeError for a class out of range", () => {
    expect(() => classOrder(Int32Array.from([0, 3]), 3)).toThrow(new RangeError("position 1 has class 3 (expected 0-2)"));
  });
});
