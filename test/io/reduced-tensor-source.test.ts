import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toSamplesByChannels } from "../../src/core/reduce-axes.js";
import { reducedSource } from "../../src/io/reduced-tensor-source.js";
import type { TensorSource } from "../../src/io/tensor-source.js";

/** A TensorSource over an array in memory. */
function memorySource(shape: number[], data: Float32Array | Float64Array): TensorSource {
  const perRow = shape.slice(1).reduce((a, b) => a * b, 1);
  return { shape, dtype: data instanceof Float32Array ? "<f4" : "<f8", rowBytes: perRow * data.BYTES_PER_ELEMENT, readRows: async (a, b) => data.slice(a * perRow, b * perRow) };
}

describe("reducedSource(t, channelAxis, reduce)", () => {
  it("rows read in blocks of any size are toSamplesByChannels's of the whole array, bit for bit (mean, max, flatten; any channel axis)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom("mean" as const, "max" as const, "flatten" as const),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        async (shape, axisPick, reduce, size, f32) => {
          const rank = shape.length;
          const axis = 1 + (axisPick % (rank - 1));
          const count = shape.reduce((a, b) => a * b, 1);
          const value = (_: unknown, i: number) => (i % 13 === 5 ? NaN : Math.sin(i * 7.1) * 100);
          const data = f32 ? Float32Array.from({ length: count }, value) : Float64Array.from({ length: count }, value);
          const whole = toSamplesByChannels(shape, data, axis, reduce);
          const t = reducedSource(memorySource(shape, data), axis, reduce);
          expect(t.shape).toEqual([whole.rows, whole.cols]);
          expect(t.dtype).toBe(reduce === "mean" ? "<f8" : f32 ? "<f4" : "<f8");
          for (let a = 0; a < whole.rows; a += size) {
            const b = Math.min(whole.rows, a + size);
            const rows = await t.readRows(a, b);
            expect(rows.constructor).toBe(whole.data.constructor);
            expect(Array.from(rows)).toEqual(Array.from(whole.data.subarray(a * whole.cols, b * whole.cols)));
          }
        },
      ),
    );
  });

  it("ranks below 3 are the source itself; a bad axis is toSamplesByChannels's RangeError", () => {
    const t = memorySource([4, 3], new Float32Array(12));
    expect(reducedSource(t, 1, "mean")).toBe(t);
    expect(reducedSource(t, -1, "flatten")).toBe(t);
    expect(() => reducedSource(t, 0, "mean")).toThrow(/channel axis 0 is the sample axis of a rank-2 tensor/);
    expect(() => reducedSource(memorySource([2, 3, 4], new Float32Array(24)), 3, "max")).toThrow(/channel axis 3 is out of range for a rank-3 tensor/);
  });
});
