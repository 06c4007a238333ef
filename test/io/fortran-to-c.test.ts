import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fortranToC } from "../../src/io/npy/fortran-to-c.js";

/** The Fortran-order layout of C-order `data`: element (i0..ik) at sum(i_j * prod(shape[<j])). */
function toFortran(data: number[], shape: number[]): Float64Array {
  const out = new Float64Array(data.length);
  data.forEach((value, c) => {
    let rest = c;
    let f = 0;
    const index = shape.map(() => 0);
    for (let d = shape.length - 1; d >= 0; d--) {
      index[d] = rest % shape[d]!;
      rest = Math.floor(rest / shape[d]!);
    }
    let stride = 1;
    for (let d = 0; d < shape.length; d++) {
      f += index[d]! * stride;
      stride *= shape[d]!;
    }
    out[f] = value;
  });
  return out;
}

describe("fortranToC(data, shape)", () => {
  it("fortranToC(2x3 column-major) is the row-major matrix", () => {
    expect(Array.from(fortranToC(Float64Array.from([1, 4, 2, 5, 3, 6]), [2, 3]))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("fortranToC(toFortran(x, shape), shape) = x for any shape up to 4-d", () => {
    const shapeAndData = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 4 }).map((shape) => {
      const count = shape.reduce((a, b) => a * b, 1);
      return { shape, data: Array.from({ length: count }, (_, i) => i) };
    });
    fc.assert(
      fc.property(shapeAndData, ({ shape, data }) => {
        expect(Array.from(fortranToC(toFortran(data, shape), shape))).toEqual(data);
      }),
      { numRuns: 200 },
    );
  });

  it("fortranToC(Float32Array) returns a new Float32Array and leaves the input alone", () => {
    const input = Float32Array.from([1, 3, 2, 4]);
    const out = fortranToC(input, [2, 2]);
    expect(out).toBeInstanceOf(Float32Array);
    expect(out).not.toBe(input);
    expect(Array.from(input)).toEqual([1, 3, 2, 4]);
  });
});
