import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDelimited } from "../../src/io/text/read-delimited.js";
import { writeCsv } from "../../src/io/text/write-csv.js";

const read = (text: string) => readDelimited(new TextEncoder().encode(text), "w.csv", ",");

describe("writeCsv(t, columnNames)", () => {
  it("writeCsv(2x2) writes one line per row, String(n) numbers", () => {
    expect(writeCsv({ shape: [2, 2], data: Float64Array.from([0.1, -2, 1e21, 5e-324]) })).toBe("0.1,-2\n1e+21,5e-324\n");
  });

  it("writeCsv(NaN, Infinity, -Infinity, -0) spells them nan, inf, -inf, -0", () => {
    expect(writeCsv({ shape: [4], data: Float64Array.from([NaN, Infinity, -Infinity, -0]) })).toBe("nan\ninf\n-inf\n-0\n");
  });

  it("writeCsv(Float32Array) writes the shortest decimal that reads back to the same float32", () => {
    expect(writeCsv({ shape: [1, 3], data: Float32Array.from([0.1, 1 / 3, 16777217]) })).toBe("0.1,0.33333334,16777216\n");
  });

  it("writeCsv(float32 values) round-trips through Math.fround(read)", () => {
    fc.assert(
      fc.property(fc.array(fc.float(), { minLength: 1, maxLength: 30 }), (values) => {
        const data = Float32Array.from(values);
        const back = read(writeCsv({ shape: [data.length], data })).data;
        expect(Array.from(back, Math.fround)).toEqual(Array.from(data));
      }),
      { numRuns: 200 },
    );
  });

  it("writeCsv(names with comma, quote, newline, spaces) quotes them so they read back", () => {
    const names = ["a,b", 'say "hi"', "two\nlines", " pad ", "plain"];
    const text = writeCsv({ shape: [1, 5], data: new Float64Array(5) }, names);
    expect(text.split("\n")[0]).toBe('"a,b","say ""hi""","two');
    expect(read(text).columnNames).toEqual(names);
  });

  it("writeCsv(0-d) writes one cell; writeCsv(2x3x2) flattens trailing axes into 6 columns", () => {
    expect(writeCsv({ shape: [], data: Float64Array.from([7]) })).toBe("7\n");
    expect(read(writeCsv({ shape: [2, 3, 2], data: new Float64Array(12) })).shape).toEqual([2, 6]);
  });

  it("writeCsv(wrong number of names) throws RangeError", () => {
    expect(() => writeCsv({ shape: [1, 2], data: new Float64Array(2) }, ["a"])).toThrow("1 column names for 2 columns");
  });

  it("writeCsv(t) does not mutate t", () => {
    const data = Float64Array.from([1, NaN]);
    writeCsv({ shape: [2], data });
    expect(Array.from(data)).toEqual([1, NaN]);
  });
});
