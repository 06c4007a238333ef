import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxStats, finiteQuantiles, quantile } from "../../src/core/quantiles.js";

type Num = number | "NaN" | "Infinity" | "-Infinity";
const num = (v: Num): number => (typeof v === "number" ? v : Number(v));
const ref = JSON.parse(readFileSync(new URL("../../fixtures/numpy/stats-reference.json", import.meta.url), "utf8")) as {
  quantiles: { sorted: Num[]; q: number[]; values: Num[] }[];
  boxes: ({ values: Num[] } & Record<"q1" | "median" | "q3" | "whiskerLow" | "whiskerHigh" | "min" | "max", Num>)[];
};
const f64 = (xs: readonly number[]) => Float64Array.from(xs);

describe("quantile", () => {
  it("quantile(sorted, q) equals np.quantile (method 'linear') bit for bit on random data", () => {
    for (const r of ref.quantiles) {
      const sorted = f64(r.sorted.map(num));
      r.q.forEach((q, i) => expect(quantile(sorted, q), `n=${sorted.length} q=${q}`).toBe(num(r.values[i]!)));
    }
  });

  it("quantile(sorted, q) interpolates linearly between neighbours at (n - 1) q", () => {
    const xs = f64([10, 20, 40]);
    expect(quantile(xs, 0.25)).toBe(15);
    expect(quantile(xs, 0.5)).toBe(20);
    expect(quantile(xs, 0.75)).toBe(30);
  });

  it("quantile(sorted, 0) is the first value and quantile(sorted, 1) the last", () => {
    const xs = f64([-3, 1, 1, 7.5]);
    expect(quantile(xs, 0)).toBe(-3);
    expect(quantile(xs, 1)).toBe(7.5);
  });

  it("quantile(sorted, q) of one value is that value for every q", () => {
    expect([0, 0.3, 1].map((q) => quantile(f64([4.25]), q))).toEqual([4.25, 4.25, 4.25]);
  });

  it("quantile(empty, q) is NaN", () => {
    expect(quantile(new Float64Array(0), 0.5)).toBeNaN();
  });

  it("quantile(sorted, q) throws a RangeError for q outside [0, 1] or NaN", () => {
    expect(() => quantile(f64([1]), 1.5)).toThrow(new RangeError("quantile must be in [0, 1] (got 1.5)"));
    expect(() => quantile(f64([1]), -0.1)).toThrow(RangeError);
    expect(() => quantile(f64([1]), NaN)).toThrow(RangeError);
  });

  const sortedArb = fc
    .array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 50 })
    .map((xs) => f64(xs).sort());

  it("quantile(sorted, q) is non-decreasing in q and stays within [min, max]", () => {
    fc.assert(
      fc.property(sortedArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const qa = quantile(xs, lo);
        const qb = quantile(xs, hi);
        return qa <= qb && xs[0]! <= qa && qb <= xs[xs.length - 1]!;
      }),
    );
  });
});

describe("boxStats", () => {
  it("boxStats(values) equals matplotlib's cbook.boxplot_stats(x, whis=1.5)", () => {
    for (const r of ref.boxes) {
      const got = boxStats(f64(r.values.map(num)));
      for (const key of ["q1", "median", "q3", "whiskerLow", "whiskerHigh", "min", "max"] as const) {
        expect(got[key], `${key} of ${r.values.length} values`).toBe(num(r[key]));
      }
    }
  });

  it("boxStats(values) puts the whiskers at the last data inside 1.5 IQR", () => {
    // q1 = 2, q3 = 4, IQR 2: limits -1 and 7; 100 is an outlier
    expect(boxStats(f64([1, 2, 3, 4, 100]))).toEqual({ q1: 2, median: 3, q3: 4, whiskerLow: 1, whiskerHigh: 4, min: 1, max: 100 });
  });

  it("boxStats(values) ignores NaN and ±Infinity", () => {
    expect(boxStats(f64([NaN, 3, -Infinity, 1, 2, Infinity]))).toEqual(boxStats(f64([1, 2, 3])));
  });

  it("boxStats(values) without finite values is all NaN", () => {
    const b = boxStats(f64([NaN, Infinity]));
    for (const v of Object.values(b)) expect(v).toBeNaN();
  });

  it("boxStats(values) does not modify or sort its input", () => {
    const xs = f64([3, NaN, 1, 2]);
    boxStats(xs);
    expect(Array.from(xs)).toEqual([3, NaN, 1, 2]);
  });

  it("boxStats(values) orders min <= whiskerLow <= q1 <= median <= q3 <= whiskerHigh <= max", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), (xs) => {
        const b = boxStats(f64(xs));
        const chain = [b.min, b.whiskerLow, b.q1, b.median, b.q3, b.whiskerHigh, b.max];
        return chain.every((v, i) => i === 0 || chain[i - 1]! <= v);
      }),
    );
  });
});

describe("finiteQuantiles and boxStats by selection", () => {
  /** The sort-based definition: sort the finite values, then read the ranks. */
  function bySort(values: number[]) {
    const x = Float64Array.from(values.filter(Number.isFinite)).sort();
    if (x.length === 0) return null;
    const [q1, median, q3] = [0.25, 0.5, 0.75].map((q) => quantile(x, q)) as [number, number, number];
    const iqr = q3 - q1;
    const low = x.find((v) => v >= q1 - 1.5 * iqr) ?? q1;
    const high = [...x].reverse().find((v) => v <= q3 + 1.5 * iqr) ?? q3;
    return { q1, median, q3, whiskerLow: low > q1 ? q1 : low, whiskerHigh: high < q3 ? q3 : high, min: x[0]!, max: x[x.length - 1]! };
  }
  const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1, -1), fc.integer({ min: -4, max: 4 }));

  it("boxStats(values) equals the sort-based statistics bit for bit, -0 and non-finite values included (property)", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (xs) => {
        const want = bySort(xs);
        const got = boxStats(Float64Array.from(xs));
        if (want === null) {
          expect(Number.isNaN(got.median)).toBe(true);
          return;
        }
        for (const key of Object.keys(want) as (keyof typeof want)[]) expect(Object.is(got[key], want[key]), `${key}: ${got[key]} vs ${want[key]}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("finiteQuantiles(values, qs) equals quantile(sorted finite values, q) bit for bit (property)", () => {
    const qs = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1];
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (xs) => {
        const sorted = Float64Array.from(xs.filter(Number.isFinite)).sort();
        const got = finiteQuantiles(xs, qs);
        qs.forEach((q, i) => expect(Object.is(got[i], sorted.length ? quantile(sorted, q) : NaN), `q=${q}`).toBe(true));
      }),
      { numRuns: 500 },
    );
  });

  it("finiteQuantiles leaves its input as it was", () => {
    const xs = Float64Array.from([3, 1, NaN, 2]);
    finiteQuantiles(xs, [0.5]);
    expect(Array.from(xs)).toEqual([3, 1, NaN, 2]);
  });
});
