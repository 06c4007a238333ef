import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minMaxDecimate, minMaxDecimateGaps, withEnds } from "../../src/core/decimate.js";

const f64 = (xs: readonly number[]) => Float64Array.from(xs);
const indexX = (n: number) => Float64Array.from({ length: n }, (_, i) => i);

/** A series with x = 0..n-1 (distinct, ascending) and finite y. */
const series = fc
  .array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 300 })
  .map((ys) => ({ x: indexX(ys.length), y: f64(ys) }));

/** true when (ox, oy) is a subsequence of (x, y) taken at increasing indices. */
function isSubsequence(ox: Float64Array, oy: Float64Array, x: Float64Array, y: Float64Array): boolean {
  let k = 0;
  for (let i = 0; i < x.length && k < ox.length; i++) if (x[i] === ox[k] && y[i] === oy[k]) k++;
  return k === ox.length;
}

describe("minMaxDecimate", () => {
  it("minMaxDecimate(x, y, buckets) keeps each bucket's min and max in x order", () => {
    const out = minMaxDecimate(indexX(8), f64([0, 5, -1, 2, 3, -4, 1, 0]), 2);
    expect(Array.from(out.x)).toEqual([1, 2, 4, 5]);
    expect(Array.from(out.y)).toEqual([5, -1, 3, -4]);
  });

  it("minMaxDecimate(x, y, buckets) emits one point for a flat bucket", () => {
    const out = minMaxDecimate(indexX(6), f64([2, 2, 2, 1, 3, 2]), 2);
    expect(Array.from(out.x)).toEqual([0, 3, 4]);
    expect(Array.from(out.y)).toEqual([2, 1, 3]);
  });

  it("minMaxDecimate(x, y, buckets) returns the inputs themselves when length <= 2 buckets", () => {
    const x = indexX(4);
    const y = f64([4, 3, 2, 1]);
    expect(minMaxDecimate(x, y, 2)).toEqual({ x, y });
    expect(minMaxDecimate(x, y, 2).x).toBe(x);
  });

  it("minMaxDecimate(x, y, buckets) drops NaN points before decimating", () => {
    const out = minMaxDecimate(indexX(6), f64([NaN, 1, NaN, 9, -2, NaN]), 1);
    expect(Array.from(out.x)).toEqual([3, 4]);
    expect(Array.from(out.y)).toEqual([9, -2]);
  });

  it("minMaxDecimate(x, y, buckets) throws a RangeError for mismatched lengths or descending x", () => {
    expect(() => minMaxDecimate(indexX(3), f64([1, 2]), 2)).toThrow(new RangeError("x has 3 values but y has 2"));
    expect(() => minMaxDecimate(f64([0, 2, 1]), f64([1, 2, 3]), 2)).toThrow(new RangeError("x must be ascending (x[2] = 1 < x[1] = 2)"));
  });

  it("minMaxDecimate(x, y, buckets) throws a RangeError for buckets < 1", () => {
    expect(() => minMaxDecimate(indexX(3), f64([1, 2, 3]), 0)).toThrow(new RangeError("min-max buckets must be a positive integer (got 0)"));
  });

  it("minMaxDecimate(x, y, buckets) contains the global min and max of y, in x order, at most 2 per bucket", () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 1, max: 60 }), ({ x, y }, buckets) => {
        const out = minMaxDecimate(x, y, buckets);
        expect(out.x.length).toBeLessThanOrEqual(2 * buckets);
        if (y.length > 0) {
          expect(out.y).toContain(Math.min(...y));
          expect(out.y).toContain(Math.max(...y));
        }
        expect(isSubsequence(out.x, out.y, x, y)).toBe(true);
        for (let i = 1; i < out.x.length; i++) expect(out.x[i]!).toBeGreaterThan(out.x[i - 1]!);
      }),
    );
  });
});

describe("withEnds", () => {
  const x = Float64Array.from({ length: 100 }, (_, i) => i);
  // the first and last samples are neither the lowest nor the highest of their buckets
  const y = Float64Array.from(x, (i) => (i === 0 || i === 99 ? 0.5 : i % 2));

  it("withEnds(minMaxDecimate(...), x, y) starts at the first sample and ends at the last", () => {
    const d = minMaxDecimate(x, y, 10);
    expect([d.x[0], d.x[d.x.length - 1]]).not.toEqual([0, 99]);
    const e = withEnds(d, x, y);
    expect([e.x[0], e.y[0], e.x[e.x.length - 1], e.y[e.y.length - 1]]).toEqual([0, 0.5, 99, 0.5]);
    expect(Array.from(e.x.slice(1, -1))).toEqual(Array.from(d.x));
  });

  it("withEnds(series that has its ends) returns it unchanged", () => {
    const d = { x: Float64Array.from([0, 50, 99]), y: Float64Array.from([0.5, 1, 0.5]) };
    expect(withEnds(d, x, y)).toBe(d);
  });

  it("withEnds(any min-max decimation) keeps x ascending and spans the whole series", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (ys, buckets) => {
        const xs = Float64Array.from(ys, (_, i) => i);
        const e = withEnds(minMaxDecimate(xs, Float64Array.from(ys), buckets), xs, Float64Array.from(ys));
        for (let i = 1; i < e.x.length; i++) if (!(e.x[i]! > e.x[i - 1]!)) return false;
        return e.x[0] === 0 && e.x[e.x.length - 1] === ys.length - 1;
      }),
    );
  });
});

describe("minMaxDecimateGaps", () => {
  const x = Float64Array.from({ length: 1000 }, (_, i) => i);

  it("minMaxDecimateGaps(series without non-finite y) is withEnds(minMaxDecimate(...))", () => {
    const y = Float64Array.from(x, (i) => Math.sin(i / 7));
    expect(minMaxDecimateGaps(x, y, 50)).toEqual(withEnds(minMaxDecimate(x, y, 50), x, y));
  });

  it("minMaxDecimateGaps(series with a NaN block) keeps one NaN gap where the block starts, and each run's ends", () => {
    const y = Float64Array.from(x, (i) => (i >= 400 && i < 500 ? NaN : Math.sin(i / 7)));
    const d = minMaxDecimateGaps(x, y, 50);
    const gaps = Array.from(d.y).flatMap((v, k) => (Number.isNaN(v) ? [d.x[k]] : []));
    expect(gaps).toEqual([400]);
    const xs = Array.from(d.x);
    expect(xs).toEqual(expect.arrayContaining([0, 399, 500, 999]));
    expect(d.x.length).toBeLessThanOrEqual(2 * 50 + 6);
  });

  it("minMaxDecimateGaps(series starting and ending with Infinity) spans every x, with gaps at both ends", () => {
    const y = Float64Array.from(x, (i) => (i < 3 || i > 995 ? Infinity : i % 5));
    const d = minMaxDecimateGaps(x, y, 20);
    expect([d.x[0], d.y[0], d.x[d.x.length - 1], d.y[d.y.length - 1]]).toEqual([0, NaN, 999, NaN]);
    expect(Array.from(d.y.slice(1, -1)).every(Number.isFinite)).toBe(true);
  });

  it("minMaxDecimateGaps(all non-finite) is just the two ends, as gaps", () => {
    expect(minMaxDecimateGaps(x, new Float64Array(1000).fill(NaN), 10)).toEqual({ x: Float64Array.from([0, 999]), y: Float64Array.from([NaN, NaN]) });
  });

  it("minMaxDecimateGaps(random series with gaps) keeps x ascending, every finite run's extremes, and a NaN between runs", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constant(NaN)), { minLength: 2, maxLength: 400 }), fc.integer({ min: 1, max: 40 }), (ys, buckets) => {
        const xs = Float64Array.from(ys, (_, i) => i);
        const y = Float64Array.from(ys);
        const d = minMaxDecimateGaps(xs, y, buckets);
        for (let i = 1; i < d.x.length; i++) if (!(d.x[i]! > d.x[i - 1]!)) return false;
        if (d.x[0] !== 0 || d.x[d.x.length - 1] !== ys.length - 1) return false;
        // between two kept finite points from different runs there is a NaN point
        for (let i = 1; i < d.x.length; i++) {
          if (Number.isNaN(d.y[i]!) || Number.isNaN(d.y[i - 1]!)) continue;
          for (let k = d.x[i - 1]!; k <= d.x[i]!; k++) if (Number.isNaN(ys[k]!)) return false;
        }
        // the global finite min and max survive
        const finite = ys.filter(Number.isFinite);
        const kept = Array.from(d.y).filter(Number.isFinite);
        return finite.length === 0 || (Math.min(...kept) === Math.min(...finite) && Math.max(...kept) === Math.max(...finite));
      }),
    );
  });
});

describe("minMaxStream(n, buckets, x0)", () => {
  it("minMaxStream(values one by one) is withEnds(minMaxDecimate(x, y, buckets), x, y), ties and -0 included, for many n and buckets", async () => {
    const { minMaxStream, minMaxDecimate, withEnds } = await import("../../src/core/decimate.js");
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(-0), fc.double({ noNaN: true, noDefaultInfinity: true })), { maxLength: 400 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: -3, max: 1000 }), (values, buckets, x0) => {
        const y = Float64Array.from(values);
        const x = Float64Array.from(y, (_, i) => x0 + i);
        const s = minMaxStream(y.length, buckets, x0);
        for (const v of y) s.add(v);
        const got = s.result();
        const want = y.length === 0 ? { x, y } : withEnds(minMaxDecimate(x, y, buckets), x, y);
        expect(Array.from(got.x)).toEqual(Array.from(want.x));
        expect(got.y.length).toBe(want.y.length);
        got.y.forEach((v, i) => expect(Object.is(v, want.y[i]), `point ${i}`).toBe(true));
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});
