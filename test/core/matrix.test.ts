import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { column, matrix, selectColumns } from "../../src/core/matrix.js";

describe("matrix", () => {
  it("matrix(rows, cols, data) wraps the data without copying", () => {
    const data = new Float32Array(6);
    const m = matrix(2, 3, data);
    expect(m).toEqual({ rows: 2, cols: 3, data });
    expect(m.data).toBe(data);
  });

  it("matrix(rows, cols, data) throws a RangeError when the data does not hold rows x cols", () => {
    expect(() => matrix(2, 3, new Float64Array(5))).toThrow(new RangeError("matrix is 2x3 (6 elements) but its data has 5"));
    expect(() => matrix(-1, 3, new Float64Array(0))).toThrow(RangeError);
    expect(() => matrix(1.5, 2, new Float64Array(3))).toThrow(RangeError);
  });
});

describe("column", () => {
  const m = matrix(3, 2, Float32Array.from([1, 2, 3, 4, 5, 6]));

  it("column(m, j) copies column j of a row-major matrix into a Float64Array", () => {
    const c = column(m, 1);
    expect(c).toBeInstanceOf(Float64Array);
    expect(Array.from(c)).toEqual([2, 4, 6]);
    expect(Array.from(column(m, 0))).toEqual([1, 3, 5]);
  });

  it("column(m, j, out) writes into out and returns it", () => {
    const out = new Float64Array(3);
    expect(column(m, 0, out)).toBe(out);
    expect(Array.from(out)).toEqual([1, 3, 5]);
  });

  it("column(m, j, out) throws a RangeError when out does not have one slot per row", () => {
    expect(() => column(m, 0, new Float64Array(2))).toThrow(new RangeError("output buffer has length 2 but the matrix has 3 rows"));
  });

  it("column(m, j) throws a RangeError for j outside 0..cols-1", () => {
    expect(() => column(m, 2)).toThrow(new RangeError("column 2 is out of range (valid: 0-1)"));
    expect(() => column(m, -1)).toThrow(RangeError);
    expect(() => column(m, 0.5)).toThrow(RangeError);
  });

  it("column(m, j) of every j reassembles the matrix", () => {
    const arb = fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 8 })).chain(([r, c]) =>
      fc.tuple(fc.constant(r), fc.constant(c), fc.array(fc.double(), { minLength: r * c, maxLength: r * c })),
    );
    fc.assert(
      fc.property(arb, ([rows, cols, values]) => {
        const mm = matrix(rows, cols, Float64Array.from(values));
        const cols_ = Array.from({ length: cols }, (_, j) => column(mm, j));
        const back = new Float64Array(rows * cols);
        cols_.forEach((c, j) => c.forEach((v, i) => (back[i * cols + j] = v)));
        expect(back).toEqual(mm.data);
      }),
    );
  });
});

describe("selectColumns(m, selected)", () => {
  it("selectColumns(m, [2, 0]) copies those columns in that order, keeping float32", () => {
    const m = { rows: 2, cols: 3, data: Float32Array.from([1, 2, 3, 4, 5, 6]) };
    const s = selectColumns(m, [2, 0]);
    expect(s.rows).toBe(2);
    expect(s.cols).toBe(2);
    expect(s.data).toBeInstanceOf(Float32Array);
    expect(Array.from(s.data)).toEqual([3, 1, 6, 4]);
  });

  it("selectColumns(m, every column in order) is m itself, no copy", () => {
    const m = { rows: 1, cols: 2, data: Float64Array.from([1, 2]) };
    expect(selectColumns(m, [0, 1])).toBe(m);
  });
});
