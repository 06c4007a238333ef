import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toSamplesByChannels } from "../../src/core/reduce-axes.js";

type Num = number | "NaN" | "Infinity" | "-Infinity";
const num = (v: Num): number => (typeof v === "number" ? v : Number(v));
const ref = JSON.parse(readFileSync(new URL("../../fixtures/numpy/stats-reference.json", import.meta.url), "utf8")) as {
  reductions: { shape: number[]; channelAxis: number; data: Num[]; mean: Num[]; max: Num[]; flatten: Num[] }[];
};
const f64 = (xs: readonly number[]) => Float64Array.from(xs);

describe("toSamplesByChannels", () => {
  for (const r of ref.reductions) {
    it(`toSamplesByChannels([${r.shape}], data, ${r.channelAxis}, reduce) equals numpy's mean, max and moveaxis+reshape`, () => {
      const data = f64(r.data.map(num));
      const channels = r.shape[(r.channelAxis + r.shape.length) % r.shape.length]!;
      const mean = toSamplesByChannels(r.shape, data, r.channelAxis, "mean");
      expect([mean.rows, mean.cols]).toEqual([r.shape[0], channels]);
      r.mean.map(num).forEach((v, i) => expect(Math.abs(mean.data[i]! - v), `mean ${i}`).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(v))));
      const max = toSamplesByChannels(r.shape, data, r.channelAxis, "max");
      expect(Array.from(max.data)).toEqual(r.max.map(num));
      const flat = toSamplesByChannels(r.shape, data, r.channelAxis, "flatten");
      expect([flat.rows, flat.cols]).toEqual([data.length / channels, channels]);
      expect(Array.from(flat.data)).toEqual(r.flatten.map(num));
    });
  }

  it("toSamplesByChannels([n], data) is an n x 1 matrix over the same data", () => {
    const data = f64([1, 2, 3]);
    const m = toSamplesByChannels([3], data, 1, "mean");
    expect(m).toEqual({ rows: 3, cols: 1, data });
    expect(m.data).toBe(data);
  });

  it("toSamplesByChannels([n, c], data, 1) is the matrix as it is, without a copy", () => {
    const data = new Float32Array(6);
    for (const reduce of ["mean", "max", "flatten"] as const) {
      const m = toSamplesByChannels([2, 3], data, -1, reduce);
      expect([m.rows, m.cols]).toEqual([2, 3]);
      expect(m.data).toBe(data);
    }
  });

  it("toSamplesByChannels([N, C, H, W], data, 1, reduce) averages, maxes or flattens H x W", () => {
    // sample 0: channel 0 = [1 2; 3 4], channel 1 = [5 6; 7 -8]
    const data = f64([1, 2, 3, 4, 5, 6, 7, -8]);
    expect(Array.from(toSamplesByChannels([1, 2, 2, 2], data, 1, "mean").data)).toEqual([2.5, 2.5]);
    expect(Array.from(toSamplesByChannels([1, 2, 2, 2], data, 1, "max").data)).toEqual([4, 7]);
    const flat = toSamplesByChannels([1, 2, 2, 2], data, 1, "flatten");
    expect([flat.rows, flat.cols]).toEqual([4, 2]);
    expect(Array.from(flat.data)).toEqual([1, 5, 2, 6, 3, 7, 4, -8]);
  });

  it("toSamplesByChannels(shape, data, -1, reduce) treats the last axis as channels (NHWC)", () => {
    // [1, 2, 2]: two positions, two channels
    const data = f64([1, 10, 3, 30]);
    expect(Array.from(toSamplesByChannels([1, 2, 2], data, -1, "mean").data)).toEqual([2, 20]);
    expect(Array.from(toSamplesByChannels([1, 2, 2], data, -1, "flatten").data)).toEqual([1, 10, 3, 30]);
  });

  it("toSamplesByChannels keeps Float32Array for max and flatten and gives Float64Array for mean", () => {
    const data = new Float32Array(8);
    expect(toSamplesByChannels([2, 2, 2], data, 1, "max").data).toBeInstanceOf(Float32Array);
    expect(toSamplesByChannels([2, 2, 2], data, 1, "flatten").data).toBeInstanceOf(Float32Array);
    expect(toSamplesByChannels([2, 2, 2], data, 1, "mean").data).toBeInstanceOf(Float64Array);
  });

  it("toSamplesByChannels propagates NaN through mean and max", () => {
    const data = f64([1, NaN, 2, 3]);
    expect(Array.from(toSamplesByChannels([1, 2, 2], data, 1, "mean").data)).toEqual([NaN, 2.5]);
    expect(Array.from(toSamplesByChannels([1, 2, 2], data, 1, "max").data)).toEqual([NaN, 3]);
  });

  it("toSamplesByChannels throws a RangeError naming the rank for a bad channel axis", () => {
    const data = new Float64Array(24);
    expect(() => toSamplesByChannels([2, 3, 4], data, 3, "mean")).toThrow(
      new RangeError("channel axis 3 is out of range for a rank-3 tensor (valid: 1 to 2, or -2 to -1)"),
    );
    expect(() => toSamplesByChannels([2, 3, 4], data, -4, "mean")).toThrow(/rank-3/);
    expect(() => toSamplesByChannels([2, 3, 4], data, 0, "mean")).toThrow(/channel axis 0 is the sample axis of a rank-3 tensor/);
    expect(() => toSamplesByChannels([2, 3, 4], data, -3, "mean")).toThrow(/sample axis/);
    expect(() => toSamplesByChannels([2, 3, 4], data, 1.5, "mean")).toThrow(RangeError);
  });

  it("toSamplesByChannels throws a RangeError for a shape that does not match the data or a scalar", () => {
    expect(() => toSamplesByChannels([2, 3], new Float64Array(5), 1, "mean")).toThrow(
      new RangeError("shape [2, 3] has 6 elements but the data has 5"),
    );
    expect(() => toSamplesByChannels([], new Float64Array(1), 1, "mean")).toThrow(RangeError);
  });

  it("toSamplesByChannels throws a RangeError for mean or max over empty axes, but flattens them", () => {
    expect(() => toSamplesByChannels([2, 3, 0], new Float64Array(0), 1, "max")).toThrow(/empty axes \(shape \[2, 3, 0\]\)/);
    expect(toSamplesByChannels([2, 3, 0], new Float64Array(0), 1, "flatten")).toMatchObject({ rows: 0, cols: 3 });
  });

  it("toSamplesByChannels throws a TypeError for an unknown reduction", () => {
    expect(() => toSamplesByChannels([2], new Float64Array(2), 1, "sum" as never)).toThrow(TypeError);
  });

  const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 5 });

  it("toSamplesByChannels(shape, constant, axis, mean) is exactly the constant", () => {
    fc.assert(
      fc.property(shapeArb, fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.nat(), (shape, c, pick) => {
        const axis = 1 + (pick % (shape.length - 1));
        const size = shape.reduce((a, b) => a * b, 1);
        const m = toSamplesByChannels(shape, new Float64Array(size).fill(c), axis, "mean");
        expect(m.data.length).toBe(shape[0]! * shape[axis]!);
        for (const v of m.data) expect(v === c, `${v} vs ${c}`).toBe(true); // -0 and 0 both count
      }),
    );
  });

  it("toSamplesByChannels: mean and max of a sample's channel are the mean and max of its flattened rows", () => {
    fc.assert(
      fc.property(shapeArb, fc.nat(), fc.integer(), (shape, pick, seed) => {
        const axis = 1 + (pick % (shape.length - 1));
        const size = shape.reduce((a, b) => a * b, 1);
        const data = Float64Array.from({ length: size }, (_, i) => ((i * 7919 + seed) % 1000) / 7);
        const flat = toSamplesByChannels(shape, data, axis, "flatten");
        const mean = toSamplesByChannels(shape, data, axis, "mean");
        const max = toSamplesByChannels(shape, data, axis, "max");
        const [n, c] = [shape[0]!, shape[axis]!];
        const per = flat.rows / n;
        expect([...flat.data].sort((a, b) => a - b)).toEqual([...data].sort((a, b) => a - b));
        for (let s = 0; s < n; s++) {
          for (let j = 0; j < c; j++) {
            const col = Array.from({ length: per }, (_, r) => flat.data[(s * per + r) * c + j]!);
            expect(max.data[s * c + j]).toBe(Math.max(...col));
            expect(mean.data[s * c + j]!).toBeCloseTo(col.reduce((a, b) => a + b, 0) / per, 9);
          }
        }
      }),
    );
  });
});
