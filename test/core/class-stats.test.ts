import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classMeans, classStats, classStatsAccumulator, classStd, classStdAccumulator } from "../../src/core/class-stats.js";
import { columnStats } from "../../src/core/stats.js";

const m = (rows: number, cols: number, values: number[]) => ({ rows, cols, data: Float64Array.from(values) });

describe("classStats(m, classOf, classes)", () => {
  it("classStats(m, classOf, k) gives each class's mean per neuron; classStd the population std", () => {
    // neuron 0: class 0 = [1, 3], class 1 = [10]; neuron 1: class 0 = [0, 0], class 1 = [5]
    const s = classStats(m(3, 2, [1, 0, 10, 5, 3, 0]), Int32Array.from([0, 1, 0]), 2);
    expect(Array.from(s.samples)).toEqual([2, 1]);
    expect(Array.from(s.mean)).toEqual([2, 0, 10, 5]);
    expect(Array.from(classMeans(s, 0))).toEqual([2, 10]);
    expect(Array.from(classStd([1, 10, 3], Int32Array.from([0, 1, 0]), classMeans(s, 0)))).toEqual([1, 0]);
  });

  it("classStd keeps its digits under a large common offset (1e8 + small noise)", () => {
    const values = [1e8 + 1, 1e8 + 3, 1e8 - 1, 1e8 + 1];
    const of = Int32Array.from([0, 0, 1, 1]);
    const s = classStats(m(4, 1, values), of, 2);
    expect(Array.from(classStd(values, of, s.mean))).toEqual([1, 1]);
  });

  it("classStats leaves out NaN and ±Infinity, and gives NaN to a class with no finite value", () => {
    const s = classStats(m(3, 1, [NaN, Infinity, 4]), Int32Array.from([0, 0, 1]), 3);
    expect(Array.from(s.count)).toEqual([0, 1, 0]);
    expect(Array.from(classStd([NaN, Infinity, 4], Int32Array.from([0, 0, 1]), s.mean))).toEqual([NaN, 0, NaN]);
    expect(Array.from(s.mean)).toEqual([NaN, 4, NaN]);
    expect(Array.from(s.samples)).toEqual([2, 1, 0]);
  });

  it("classStats and classStd with one class agree with columnStats, within float64 summation error", () => {
    fc.assert(
      // away from the squares' underflow (|v| < 1e-150), where columnStats's own m2 loses digits (see the test below)
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (Math.abs(v) < 1e-150 ? 0 : v)), { minLength: 1, maxLength: 60 }), (values) => {
        const mat = m(values.length, 1, values);
        const of = new Int32Array(values.length);
        const one = classStats(mat, of, 1);
        const col = columnStats(mat, { inactiveThreshold: 0 })[0]!;
        // a sum of n values is within n·2^-53·Σ|v| of the exact one
        const bound = values.length * 2 ** -52 * values.reduce((a, v) => a + Math.abs(v), 0);
        const near = (a: number, b: number) => Math.abs(a - b) <= bound + 1e-12 * Math.abs(b);
        expect(near(one.mean[0]!, col.mean)).toBe(true);
        expect(near(classStd(values, of, one.mean)[0]!, col.std)).toBe(true);
      }),
    );
  });

  it("classStats: the count-weighted mean of the class means is the overall mean", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 80 }), (pairs) => {
        const s = classStats(m(pairs.length, 1, pairs.map((p) => p[0])), Int32Array.from(pairs.map((p) => p[1])), 4);
        let total = 0;
        for (let c = 0; c < 4; c++) if (s.samples[c]! > 0) total += s.samples[c]! * s.mean[c]!;
        const mean = pairs.reduce((a, p) => a + p[0], 0) / pairs.length;
        expect(Math.abs(total / pairs.length - mean)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(mean)));
      }),
    );
  });

  it("classStats gives the mean of values whose sum overflows (1.5e308 twice: 1.5e308), and counts only finite values", () => {
    const s = classStats(m(4, 1, [1.5e308, 1.5e308, Infinity, 1]), Int32Array.from([0, 0, 1, 1]), 2);
    expect(Array.from(s.mean)).toEqual([1.5e308, 1]);
    expect(Array.from(s.count)).toEqual([2, 1]);
  });

  it("classStats(m, classOf, k) throws a RangeError for a class out of range or a classOf of the wrong length", () => {
    expect(() => classStats(m(2, 1, [1, 2]), Int32Array.from([0, 2]), 2)).toThrow(new RangeError("row 1 has class 2 (expected 0-1)"));
    expect(() => classStats(m(2, 1, [1, 2]), Int32Array.from([0]), 2)).toThrow(new RangeError("1 class indices for 2 rows"));
    expect(() => classStats(m(2, 1, [1, 2]), Int32Array.from([0, 0]), 0)).toThrow(RangeError);
  });

  it("classStats does not modify its inputs", () => {
    const mat = m(2, 1, [1, 2]);
    const of = Int32Array.from([1, 0]);
    classStats(mat, of, 2);
    expect(Array.from(mat.data)).toEqual([1, 2]);
    expect(Array.from(of)).toEqual([1, 0]);
  });
});

describe("classStd(values, classOf, means) at the ends of float64", () => {
  it("classStd of tiny values (1e-160, whose squares underflow) and huge ones (1e200) keeps its digits", () => {
    const of = Int32Array.from([0, 0, 1, 1]);
    const values = [3e-160, 1e-160, 3e200, 1e200];
    expect(Array.from(classStd(values, of, [2e-160, 2e200]))).toEqual([1e-160, 1e200]);
  });
});

describe("classStatsAccumulator and classStdAccumulator (classStats and classStd in blocks)", () => {
  // values with NaN, ±Infinity and overflowing sums, so the running-mean pass runs too
  const value = fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constantFrom(NaN, Infinity, -Infinity, 1.5e308, -0));

  it("rows given in any blocks get the same class means, counts and stds, bit for bit, as the whole matrix", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((cols) =>
          fc.tuple(fc.constant(cols), fc.array(fc.tuple(fc.array(value, { minLength: cols, maxLength: cols }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 })),
        ),
        ([cols, rows, sizes]) => {
          const whole = m(rows.length, cols, rows.flatMap((r) => r[0]));
          const of = Int32Array.from(rows, (r) => r[1]);
          const expected = classStats(whole, of, 3);
          const acc = classStatsAccumulator(3, cols);
          const blocks: [number, number][] = [];
          for (let start = 0, k = 0; start < rows.length; k++) {
            const end = Math.min(rows.length, start + sizes[k % sizes.length]!);
            blocks.push([start, end]);
            start = end;
          }
          const block = ([a, b]: [number, number]) => ({ rows: b - a, cols, data: whole.data.subarray(a * cols, b * cols) });
          for (const r of blocks) acc.add(block(r), of.subarray(r[0], r[1]));
          if (acc.needsPass()) for (const r of blocks) acc.fix(block(r), of.subarray(r[0], r[1]));
          const got = acc.result();
          expect(Array.from(got.samples)).toEqual(Array.from(expected.samples));
          expect(Array.from(got.count)).toEqual(Array.from(expected.count));
          expect(Array.from(got.mean)).toEqual(Array.from(expected.mean));
          for (let j = 0; j < cols; j++) {
            const column = Float64Array.from(rows, (r) => r[0][j]!);
            const std = classStdAccumulator(classMeans(got, j));
            for (let i = 0; i < column.length; i++) std.scale(column[i]!, of[i]!);
            for (let i = 0; i < column.length; i++) std.add(column[i]!, of[i]!);
            expect(Array.from(std.result())).toEqual(Array.from(classStd(column, of, classMeans(expected, j))));
          }
        },
      ),
    );
  });
});
