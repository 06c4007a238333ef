import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { downsampleMatrix, heatmapAccumulator } from "../../src/render/images/heatmap-downsample.js";

const m = (rows: number, cols: number, values: number[]) => ({ rows, cols, data: Float64Array.from(values) });

describe("downsampleMatrix(m, maxRows, maxCols, aggregate)", () => {
  it("downsampleMatrix(4x4, 2, 2) gives the exact means of the four 2x2 blocks", () => {
    const a = m(4, 4, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(downsampleMatrix(a, 2, 2)).toEqual({ rows: 2, cols: 2, data: Float64Array.from([3.5, 5.5, 11.5, 13.5]) });
  });

  it("downsampleMatrix(4x4, 2, 2, 'max') gives the block maxima", () => {
    const a = m(4, 4, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(Array.from(downsampleMatrix(a, 2, 2, "max").data)).toEqual([6, 8, 14, 16]);
  });

  it("downsampleMatrix(5x1, 2, 1) splits rows into blocks floor(i * 2 / 5): {0, 1, 2} and {3, 4}", () => {
    expect(Array.from(downsampleMatrix(m(5, 1, [1, 2, 3, 10, 20]), 2, 1).data)).toEqual([2, 15]);
  });

  it("downsampleMatrix(m, big, big) never enlarges: the same cells, as float64", () => {
    const a = { rows: 2, cols: 3, data: Float32Array.from([0.1, 2, 3, 4, 5, 6]) };
    const d = downsampleMatrix(a, 100, 100);
    expect([d.rows, d.cols]).toEqual([2, 3]);
    expect(Array.from(d.data)).toEqual(Array.from(a.data));
  });

  it("downsampleMatrix(m with NaN and ±Infinity) averages the finite values of a block only", () => {
    const a = m(2, 2, [NaN, 4, Infinity, 2]);
    expect(Array.from(downsampleMatrix(a, 1, 1).data)).toEqual([3]);
    expect(Array.from(downsampleMatrix(a, 1, 1, "max").data)).toEqual([4]);
  });

  it("downsampleMatrix(m) gives NaN for a block with no finite value", () => {
    const a = m(2, 4, [NaN, -Infinity, 1, 1, NaN, NaN, 3, 3]);
    expect(Array.from(downsampleMatrix(a, 1, 2).data)).toEqual([NaN, 2]);
    expect(Array.from(downsampleMatrix(a, 1, 2, "max").data)).toEqual([NaN, 3]);
  });

  it("downsampleMatrix(0x0 matrix) is an empty grid", () => {
    expect(downsampleMatrix(m(0, 0, []), 3, 3)).toEqual({ rows: 0, cols: 0, data: new Float64Array(0) });
  });

  it("downsampleMatrix(m, 0, 2) and (m, 1.5, 2) are RangeErrors naming the budget", () => {
    const a = m(1, 1, [1]);
    expect(() => downsampleMatrix(a, 0, 2)).toThrow(/row budget must be a positive integer \(got 0\)/);
    expect(() => downsampleMatrix(a, 1, 1.5)).toThrow(RangeError);
  });

  it("downsampleMatrix(m) rejects data of the wrong length", () => {
    expect(() => downsampleMatrix(m(2, 2, [1, 2, 3]), 1, 1)).toThrow(/2x2 \(4 elements\) but its data has 3/);
  });

  it("downsampleMatrix(m, r, c) keeps the overall mean when blocks are equal-sized, and max ≥ mean per block", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer(), (r, c, br, bc, seed) => {
        const rows = r * br;
        const cols = c * bc;
        const data = Float64Array.from({ length: rows * cols }, (_, k) => Math.sin(seed + k * 1.7) * 10);
        const mean = downsampleMatrix({ rows, cols, data }, r, c);
        const max = downsampleMatrix({ rows, cols, data }, r, c, "max");
        const total = data.reduce((s, v) => s + v, 0) / data.length;
        expect(mean.data.reduce((s, v) => s + v, 0) / mean.data.length).toBeCloseTo(total, 9);
        mean.data.forEach((v, k) => expect(max.data[k]!).toBeGreaterThanOrEqual(v - 1e-12));
      }),
      { numRuns: 60 },
    );
  });

  it("downsampleMatrix(m) does not modify m", () => {
    const a = m(3, 3, [1, NaN, 3, 4, 5, 6, 7, 8, 9]);
    const copy = Float64Array.from(a.data);
    downsampleMatrix(a, 2, 2);
    expect(a.data).toEqual(copy);
  });
});

describe("heatmapAccumulator(R, C, maxRows, maxCols, aggregate, order)", () => {
  it("rows added in blocks of any size, with or without a row order (class-sorted rows), give downsampleMatrix's cells bit for bit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom("mean" as const, "max" as const),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (R, C, maxRows, maxCols, size, aggregate, ordered, seed) => {
          const data = Float64Array.from({ length: R * C }, (_, i) => (i % 11 === 7 ? NaN : Math.sin(i * 12.9898 + seed) * 1e3));
          // a stable sort of the rows by a class: the order heatmapSpec gives labelled samples
          const cls = Array.from({ length: R }, (_, i) => (i * 7 + seed) % 3);
          const order = ordered ? Int32Array.from([...cls.keys()].sort((a, b) => cls[a]! - cls[b]! || a - b)) : undefined;
          const expected = downsampleMatrix({ rows: R, cols: C, data }, maxRows, maxCols, aggregate, order);
          const acc = heatmapAccumulator(R, C, maxRows, maxCols, aggregate, order);
          for (let a = 0; a < R; a += size) acc.add({ rows: Math.min(R, a + size) - a, cols: C, data: data.subarray(a * C, Math.min(R, a + size) * C) });
          const got = acc.result();
          expect([got.rows, got.cols]).toEqual([expected.rows, expected.cols]);
          expect(Array.from(got.data)).toEqual(Array.from(expected.data));
        },
      ),
    );
  });

  it("an order that is not a permutation of the rows is a RangeError", () => {
    expect(() => heatmapAccumulator(3, 1, 2, 1, "mean", Int32Array.from([0, 0, 2]))).toThrow(/row order is not a permutation of 0-2 \(at position 1: 0\)/);
    expect(() => heatmapAccumulator(3, 1, 2, 1, "mean", Int32Array.from([0, 1]))).toThrow(/row order has 2 entries for 3 rows/);
  });
});
