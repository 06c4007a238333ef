import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { autoBins, histogram } from "../../src/core/histogram.js";

type Num = number | "NaN" | "Infinity" | "-Infinity";
const num = (v: Num): number => (typeof v === "number" ? v : Number(v));
interface RefHistogram { of: "all" | number; bins: number; range?: [number, number]; counts: number[]; edges: Num[] }
interface RefSet { name: string; dtype: "float32" | "float64"; rows: number; cols: number; data: Num[]; histograms: RefHistogram[] }
const ref = JSON.parse(readFileSync(new URL("../../fixtures/numpy/stats-reference.json", import.meta.url), "utf8")) as {
  datasets: RefSet[];
};

function valuesOf(set: RefSet, of: "all" | number): Float64Array {
  const all = set.data.map(num);
  const typed = set.dtype === "float32" ? Float32Array.from(all) : Float64Array.from(all);
  return of === "all" ? Float64Array.from(typed) : Float64Array.from(typed.filter((_, k) => k % set.cols === of));
}

describe("histogram", () => {
  for (const set of ref.datasets) {
    it(`histogram(values, bins, range) equals numpy.histogram on "${set.name}" with 1, 10, 30 and 64 bins`, () => {
      for (const h of set.histograms) {
        const where = `${set.name} of ${h.of}, ${h.bins} bins${h.range ? `, range ${h.range.join("..")}` : ""}`;
        const got = histogram(valuesOf(set, h.of), h.bins, h.range);
        expect(Array.from(got.counts), where).toEqual(h.counts);
        expect(got.edges.length, where).toBe(h.bins + 1);
        h.edges.map(num).forEach((e, i) => {
          expect(Math.abs(got.edges[i]! - e), `${where}: edge ${i}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)));
        });
      }
    });
  }

  it("histogram(values, bins) closes the last bin and leaves the others half-open", () => {
    const h = histogram([0, 1, 2, 3, 4], 4);
    expect(Array.from(h.edges)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(h.counts)).toEqual([1, 1, 1, 2]);
  });

  it("histogram(values, bins) ignores NaN and ±Infinity, also when finding the range", () => {
    const h = histogram([NaN, 1, Infinity, 3, -Infinity], 2);
    expect(Array.from(h.edges)).toEqual([1, 2, 3]);
    expect(Array.from(h.counts)).toEqual([1, 1]);
  });

  it("histogram(values, bins, range) does not count values outside the range", () => {
    const h = histogram([-1, 0, 0.5, 1, 1.5], 2, [0, 1]);
    expect(Array.from(h.counts)).toEqual([1, 2]);
  });

  it("histogram(values, bins) widens a degenerate range to [v - 0.5, v + 0.5] like numpy", () => {
    const h = histogram([2, 2, 2], 2);
    expect(Array.from(h.edges)).toEqual([1.5, 2, 2.5]);
    expect(Array.from(h.counts)).toEqual([0, 3]);
    expect(Array.from(histogram([2], 1, [3, 3]).edges)).toEqual([2.5, 3.5]);
  });

  it("histogram(values, bins) of no finite values uses the range [0, 1] and counts nothing", () => {
    const h = histogram([NaN], 2);
    expect(Array.from(h.edges)).toEqual([0, 0.5, 1]);
    expect(Array.from(h.counts)).toEqual([0, 0]);
    expect(Array.from(histogram([], 1).counts)).toEqual([0]);
  });

  it("histogram(values, bins) throws a RangeError for bins that are not a positive integer", () => {
    expect(() => histogram([1], 0)).toThrow(new RangeError("bins must be a positive integer (got 0)"));
    expect(() => histogram([1], 2.5)).toThrow(RangeError);
  });

  it("histogram(values, bins, range) throws a RangeError for a reversed or infinite range", () => {
    expect(() => histogram([1], 2, [1, 0])).toThrow(new RangeError("histogram range [1, 0] has max below min"));
    expect(() => histogram([1], 2, [0, Infinity])).toThrow(new RangeError("histogram range [0, Infinity] is not finite"));
    expect(() => histogram([1], 2, [NaN, 1])).toThrow(RangeError);
  });

  const values = fc.array(
    fc.oneof({ weight: 10, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) }),
    { maxLength: 80 },
  ).filter(hasBinnableSpread);

  it("histogram(values, bins) counts sum to the number of finite values", () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 1, max: 70 }), (xs, bins) => {
        const h = histogram(xs, bins);
        const total = h.counts.reduce((a, b) => a + b, 0);
        return total === xs.filter(Number.isFinite).length;
      }),
      { endOnFailure: true },
    );
  });

  it("histogram(values, bins) puts every value in the bin whose edges hold it, edges ascending", () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 1, max: 70 }), (xs, bins) => {
        const { edges, counts } = histogram(xs, bins);
        for (let i = 0; i < bins; i++) expect(edges[i]!).toBeLessThan(edges[i + 1]!);
        const expected = new Float64Array(bins);
        for (const x of xs.filter(Number.isFinite)) {
          let k = 0;
          while (k < bins - 1 && x >= edges[k + 1]!) k++;
          expected[k]!++;
        }
        expect(counts).toEqual(expected);
      }),
      { endOnFailure: true },
    );
  });

  it("histogram(values, bins) throws a RangeError when the range is too narrow for distinct edges, as numpy does", () => {
    expect(() => histogram([0, 5e-324], 10)).toThrow(/too many bins \(10\) for the data range/);
    expect(() => histogram([-1.7e308, 1.7e308], 4)).toThrow(RangeError);
  });

  it("histogram(values, bins) does not modify its input", () => {
    const xs = Float64Array.from([3, NaN, 1]);
    histogram(xs, 3);
    expect(Array.from(xs)).toEqual([3, NaN, 1]);
  });
});

/**
 * Whether histogram can bin these values into up to 70 bins: no finite values, all equal, or a
 * spread wide enough for 70 distinct edges at the values' magnitude (narrower, the edges collide
 * and histogram throws as numpy does; tested above).
 */
function hasBinnableSpread(xs: readonly number[]): boolean {
  const finite = xs.filter(Number.isFinite);
  if (finite.length === 0) return true;
  const max = Math.max(...finite);
  const min = Math.min(...finite);
  const spread = max - min;
  const magnitude = Math.max(Math.abs(max), Math.abs(min), Number.MIN_VALUE);
  return spread === 0 || (spread > 1e-300 && spread > 1e-9 * magnitude);
}

describe("histogram on extreme constants (issue #7)", () => {
  it("histogram(a constant 1e300, 10) has finite ascending edges and one bin holding every value", () => {
    const h = histogram([1e300, 1e300, 1e300], 10);
    for (let i = 0; i < 10; i++) expect(h.edges[i]!).toBeLessThan(h.edges[i + 1]!);
    expect(h.edges[0]!).toBeLessThan(1e300);
    expect(h.edges[10]!).toBeGreaterThan(1e300);
    expect(Array.from(h.counts).filter((c) => c > 0)).toEqual([3]);
  });

  it("histogram(a constant MAX_VALUE, 10) stays finite: the last edge is MAX_VALUE", () => {
    const h = histogram([Number.MAX_VALUE, Number.MAX_VALUE], 10);
    expect(h.edges[10]).toBe(Number.MAX_VALUE);
    expect(h.edges.every((e) => Number.isFinite(e))).toBe(true);
    expect(h.counts[9]).toBe(2);
  });

  it("histogram(a constant 0.25, 10) is still numpy's [lo - 0.5, hi + 0.5]", () => {
    const h = histogram([0.25, 0.25], 10);
    expect(h.edges[0]).toBe(-0.25);
    expect(h.edges[10]).toBe(0.75);
  });
});

describe("autoBins(values)", () => {
  const ref = JSON.parse(readFileSync(new URL("../../fixtures/numpy/auto-bins.json", import.meta.url), "utf8")) as Record<string, { values: number[]; bins: number }>;

  it.each(Object.keys(ref))("autoBins(%s) is numpy.histogram_bin_edges(x, 'auto')'s count (at most 10,000)", (name) => {
    const { values, bins } = ref[name]!;
    expect(autoBins(values)).toBe(Math.min(bins, 10_000));
  });

  it("autoBins leaves out NaN and ±Infinity, and gives 1 bin for no finite value", () => {
    expect(autoBins([NaN, Infinity])).toBe(1);
    expect(autoBins([0, 1, NaN, -Infinity])).toBe(autoBins([0, 1]));
  });
});
