import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIndexList, parseSampleRange, topK } from "../../src/core/selection.js";
import type { ColumnStats } from "../../src/core/stats.js";

describe("parseIndexList", () => {
  it('parseIndexList("0-3,42", 128) expands inclusive ranges', () => {
    expect(parseIndexList("0-3,42", 128)).toEqual([0, 1, 2, 3, 42]);
  });

  it("parseIndexList(spec, count) returns indices sorted ascending without duplicates", () => {
    expect(parseIndexList("42,2-4,0,3,42", 128)).toEqual([0, 2, 3, 4, 42]);
  });

  it("parseIndexList(spec, count) allows spaces around numbers and dashes", () => {
    expect(parseIndexList(" 1 - 2 , 5 ", 10)).toEqual([1, 2, 5]);
  });

  it("parseIndexList(spec, count) accepts the last index and a one-element range", () => {
    expect(parseIndexList("127,7-7", 128)).toEqual([7, 127]);
  });

  it("parseIndexList(spec, count) throws a RangeError naming an index >= count", () => {
    expect(() => parseIndexList("0-15,130", 128)).toThrow(new RangeError("neuron 130 is out of range (valid: 0-127)"));
    expect(() => parseIndexList("100-200", 128)).toThrow(new RangeError("neuron 200 is out of range (valid: 0-127)"));
    expect(() => parseIndexList("0", 0)).toThrow(new RangeError("neuron 0 is out of range (there are none)"));
  });

  it("parseIndexList(spec, count, noun) names the noun in messages", () => {
    expect(() => parseIndexList("9", 5, "channel")).toThrow(new RangeError("channel 9 is out of range (valid: 0-4)"));
  });

  it("parseIndexList(spec, count) throws a RangeError for a reversed range", () => {
    expect(() => parseIndexList("9-3", 128)).toThrow(new RangeError("neuron range 9-3 is reversed (expected A <= B in A-B)"));
  });

  it("parseIndexList(spec, count) throws a TypeError naming the bad part", () => {
    expect(() => parseIndexList("0-3,abc", 128)).toThrow(TypeError);
    expect(() => parseIndexList("0-3,abc", 128)).toThrow(/bad neuron list part "abc" in "0-3,abc"/);
    expect(() => parseIndexList("1,,2", 128)).toThrow(/bad neuron list part "" in "1,,2"/);
    expect(() => parseIndexList("-1", 128)).toThrow(/part "-1"/);
    expect(() => parseIndexList("1.5", 128)).toThrow(/part "1.5"/);
    expect(() => parseIndexList("1-2-3", 128)).toThrow(/part "1-2-3"/);
  });

  it("parseIndexList(empty, count) throws a TypeError", () => {
    expect(() => parseIndexList("  ", 4)).toThrow(TypeError);
  });

  it("parseIndexList(format(set), count) round-trips any set of indices", () => {
    // format a set as shuffled singles and runs "a-b", possibly overlapping and repeated
    const arb = fc.integer({ min: 1, max: 300 }).chain((count) =>
      fc.tuple(
        fc.constant(count),
        fc.array(fc.tuple(fc.nat(count - 1), fc.nat(count - 1), fc.boolean()), { minLength: 1, maxLength: 20 }),
      ),
    );
    fc.assert(
      fc.property(arb, ([count, parts]) => {
        const expected = new Set<number>();
        const text = parts.map(([a, b, asRange]) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          if (!asRange) {
            expected.add(lo);
            return String(lo);
          }
          for (let i = lo; i <= hi; i++) expected.add(i);
          return `${lo}-${hi}`;
        });
        expect(parseIndexList(text.join(","), count)).toEqual([...expected].sort((a, b) => a - b));
      }),
    );
  });
});

describe("parseSampleRange", () => {
  // from Python: list(range(10))[slice(a, b)] -> first, last + 1
  const table: [string, [number, number]][] = [
    ["2:5", [2, 5]],
    ["-3:", [7, 10]],
    [":-3", [0, 7]],
    ["-100:3", [0, 3]],
    ["5:100", [5, 10]],
    [":", [0, 10]],
    ["-1:", [9, 10]],
    ["3:-2", [3, 8]],
    ["-5:-1", [5, 9]],
    [" 0 : 1 ", [0, 1]],
  ];
  for (const [spec, expected] of table) {
    it(`parseSampleRange("${spec}", 10) is [${expected.join(", ")}) like a Python slice`, () => {
      expect(parseSampleRange(spec, 10)).toEqual(expected);
    });
  }

  it("parseSampleRange(spec, count) throws a RangeError when no sample is left", () => {
    expect(() => parseSampleRange("5:5", 10)).toThrow(new RangeError('sample range "5:5" selects no samples (5:5 of 10)'));
    expect(() => parseSampleRange("7:2", 10)).toThrow(RangeError);
    expect(() => parseSampleRange("10:", 10)).toThrow(RangeError);
    expect(() => parseSampleRange(":", 0)).toThrow(RangeError);
  });

  it("parseSampleRange(spec, count) throws a TypeError for bad syntax or a step", () => {
    for (const bad of ["", "5", "a:b", "1:2:3", "1.5:3", "--1:"]) {
      expect(() => parseSampleRange(bad, 10), bad).toThrow(TypeError);
    }
    expect(() => parseSampleRange("1:2:3", 10)).toThrow(/bad sample range "1:2:3"/);
  });

  it("parseSampleRange(`${a}:${b}`, n) selects what Array.prototype.slice(a, b) selects", () => {
    // Array.prototype.slice has Python's slice semantics for negative and out-of-range bounds
    const bound = fc.option(fc.integer({ min: -60, max: 60 }), { nil: undefined });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), bound, bound, (n, a, b) => {
        const spec = `${a ?? ""}:${b ?? ""}`;
        const picked = Array.from({ length: n }, (_, i) => i).slice(a, b);
        if (picked.length === 0) {
          expect(() => parseSampleRange(spec, n)).toThrow(RangeError);
        } else {
          expect(parseSampleRange(spec, n)).toEqual([picked[0], picked[picked.length - 1]! + 1]);
        }
      }),
    );
  });
});

describe("topK", () => {
  const stat = (std: number, mean: number, max: number, inactiveFraction: number): ColumnStats => ({
    count: 10, nonfinite: 0, mean, std, min: 0, max, inactiveFraction, dead: inactiveFraction === 1, saturatedFraction: null,
  });
  const stats = [stat(1, 0.5, 3, 0.1), stat(3, -1, 2, 1), stat(2, 0.5, 9, 0.4), stat(3, 2, 3, 0.4)];

  it("topK(stats, k, by) ranks by variance, mean, max or inactive fraction, descending", () => {
    expect(topK(stats, 4, "variance")).toEqual([1, 3, 2, 0]);
    expect(topK(stats, 4, "mean")).toEqual([3, 0, 2, 1]);
    expect(topK(stats, 4, "max")).toEqual([2, 0, 3, 1]);
    expect(topK(stats, 4, "inactive")).toEqual([1, 2, 3, 0]);
  });

  it("topK(stats, k, by) breaks ties by the lower index", () => {
    expect(topK(stats, 2, "variance")).toEqual([1, 3]);
    expect(topK(stats, 2, "mean")).toEqual([3, 0]);
  });

  it("topK(stats, k, by) puts columns without finite values (NaN keys) last", () => {
    const withEmpty = [stat(NaN, NaN, NaN, NaN), ...stats];
    expect(topK(withEmpty, 5, "variance")).toEqual([2, 4, 3, 1, 0]);
    expect(topK(withEmpty, 1, "max")).toEqual([3]);
  });

  it("topK(stats, k, by) returns every index when k exceeds the count, and none for k = 0", () => {
    expect(topK(stats, 99, "max")).toHaveLength(4);
    expect(topK(stats, 0, "max")).toEqual([]);
  });

  it("topK(stats, k, by) throws a RangeError for a negative or fractional k", () => {
    expect(() => topK(stats, -1, "max")).toThrow(new RangeError("k must be a non-negative integer (got -1)"));
    expect(() => topK(stats, 1.5, "max")).toThrow(RangeError);
  });

  it("topK(stats, k, by) throws a TypeError for an unknown key", () => {
    expect(() => topK(stats, 1, "median" as never)).toThrow(TypeError);
  });

  it("topK(stats, k, by) is the first k of the full ranking, with non-increasing keys", () => {
    const arb = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: -3, max: 3 })), { maxLength: 30 });
    fc.assert(
      fc.property(arb, fc.nat(35), (rows, k) => {
        const s = rows.map(([sd, mean]) => stat(sd, mean, 0, 0));
        const all = topK(s, s.length, "mean");
        expect(topK(s, k, "mean")).toEqual(all.slice(0, k));
        expect([...all].sort((a, b) => a - b)).toEqual(s.map((_, i) => i));
        for (let i = 1; i < all.length; i++) {
          const [prev, cur] = [s[all[i - 1]!]!.mean, s[all[i]!]!.mean];
          expect(prev > cur || (prev === cur && all[i - 1]! < all[i]!)).toBe(true);
        }
      }),
    );
  });
});
