import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readNpy } from "../../src/io/npy/read-npy.js";
import { writeNpy } from "../../src/io/npy/write-npy.js";

const shapeAndData = (float32: boolean) =>
  fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }).chain((shape) => {
    const count = shape.reduce((a, b) => a * b, 1);
    const value = float32 ? fc.float() : fc.double();
    return fc.tuple(fc.constant(shape), fc.array(value, { minLength: count, maxLength: count }));
  });

describe("writeNpy(t)", () => {
  it("readNpy(writeNpy(t)) = t for Float64Array data of any shape", () => {
    fc.assert(
      fc.property(shapeAndData(false), ([shape, values]) => {
        const t = readNpy(writeNpy({ shape, data: Float64Array.from(values) }), "w.npy");
        expect(t.shape).toEqual(shape);
        expect(t.dtype).toBe("<f8");
        expect(Array.from(t.data)).toEqual(values);
      }),
      { numRuns: 200 },
    );
  });

  it("readNpy(writeNpy(t)) = t for Float32Array data, read back without a copy", () => {
    fc.assert(
      fc.property(shapeAndData(true), ([shape, values]) => {
        const bytes = writeNpy({ shape, data: Float32Array.from(values) });
        const t = readNpy(bytes, "w.npy");
        expect(t.dtype).toBe("<f4");
        expect(t.data.buffer).toBe(bytes.buffer);
        expect(Array.from(t.data)).toEqual(Array.from(Float32Array.from(values)));
      }),
      { numRuns: 200 },
    );
  });

  it("writeNpy(t) pads the header so the data starts at a multiple of 64, as numpy does", () => {
    const bytes = writeNpy({ shape: [3, 4], data: new Float32Array(12) });
    expect(bytes.length - 48).toBe(128);
    const header = new TextDecoder().decode(bytes.subarray(10, 128));
    expect(header).toBe(`{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.padEnd(117, " ") + "\n");
  });

  it("writeNpy(1-d) writes the tuple as (n,)", () => {
    expect(new TextDecoder().decode(writeNpy({ shape: [5], data: new Float64Array(5) }))).toContain("'shape': (5,), }");
  });

  it("writeNpy(shape and data disagree) throws RangeError with both counts", () => {
    expect(() => writeNpy({ shape: [2, 2], data: new Float64Array(3) })).toThrow("shape (2, 2) has 4 elements but data has 3");
  });
});
