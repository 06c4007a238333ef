import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readJsonMatrix } from "../../src/io/text/read-json-matrix.js";
import { expected, expectedValues, fixture } from "./fixture.js";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const read = (text: string, key?: string) => readJsonMatrix(utf8(text), "m.json", key);

describe("readJsonMatrix(bytes, source, key)", () => {
  it.each(Object.keys(expected).filter((name) => name.endsWith(".json")))("readJsonMatrix(%s) equals the values written", (name) => {
    const want = expected[name]!;
    const tensor = readJsonMatrix(fixture(`io/${name}`), name);
    expect(tensor.shape).toEqual(want.shape);
    expect(tensor.dtype).toBe("<f8");
    expect(Array.from(tensor.data)).toEqual(expectedValues(want));
  });

  it("readJsonMatrix(array of rows) has shape [rows, columns]", () => {
    expect(read("[[1,2,3],[4,5,6]]").shape).toEqual([2, 3]);
  });

  it("readJsonMatrix(flat array) is one neuron: shape [n, 1]", () => {
    expect(read("[1, 2, 3]").shape).toEqual([3, 1]);
  });

  it("readJsonMatrix(a UTF-8 BOM before the array) reads it", () => {
    expect(read("\ufeff[[1, 2]]").shape).toEqual([1, 2]);
  });

  it("readJsonMatrix(null) reads as NaN", () => {
    expect(Array.from(read("[[1, null]]").data)).toEqual([1, NaN]);
  });

  it("readJsonMatrix(NaN, Infinity, -Infinity literals) reads them as Python writes them", () => {
    expect(Array.from(read("[NaN, Infinity, -Infinity]").data)).toEqual([NaN, Infinity, -Infinity]);
  });

  it("readJsonMatrix(object, key) reads that member, its path in errors", () => {
    expect(read('{"a": [[1]], "b": [[2, 3]]}', "b").shape).toEqual([1, 2]);
    expect(() => read('{"a": [[1]], "b": [[2, "x"]]}', "b")).toThrow('m.json: $.b[0][1]: got the string "x" (expected a number)');
    expect(() => read('{"a b": [[1], [2, 3]]}')).toThrow('m.json: $["a b"][1]: row has 2 values (expected 1, like $["a b"][0])');
  });

  it("readJsonMatrix(object with one array member) takes it without a key", () => {
    expect(read('{"name": "run 1", "acts": [[1, 2]]}').shape).toEqual([1, 2]);
  });

  it("readJsonMatrix(object with several array members) lists them", () => {
    expect(() => read('{"a": [1], "b": [2], "c": 3}')).toThrow("m.json: 2 array members and no key to choose one (expected a key, one of 'a', 'b')");
  });

  it("readJsonMatrix(object, missing key) lists the members", () => {
    expect(() => read('{"a": [1], "c": 3}', "z")).toThrow("m.json: member 'z': not found (expected one of 'a', 'c')");
  });

  it("readJsonMatrix(ragged rows) names the first short row", () => {
    expect(() => read("[[1, 2], [3, 4], [5]]")).toThrow("m.json: $[2]: row has 1 value (expected 2, like $[0])");
  });

  it("readJsonMatrix(a string cell) names its path", () => {
    expect(() => read('[[1, 2], [3, 4], [5, 6], [7, "8"]]')).toThrow('m.json: $[3][1]: got the string "8" (expected a number)');
  });

  it("readJsonMatrix(a row that is a number) names the row", () => {
    expect(() => read("[[1], 2]")).toThrow("m.json: $[1]: got a number (expected a row array like $[0])");
  });

  it("readJsonMatrix(3-d nesting) names the first nested array", () => {
    expect(() => read("[[[1]]]")).toThrow("m.json: $[0][0]: got an array (expected a number)");
  });

  it("readJsonMatrix([]) and [[]] are E_EMPTY", () => {
    expect(() => read("[]")).toThrow("m.json: $: empty array (expected at least one row)");
    expect(() => read("[[], []]")).toThrow("m.json: $[0]: empty row (expected at least one number)");
  });

  it("readJsonMatrix(a number) is E_TYPE", () => {
    expect(() => read("3")).toThrow("m.json: $: got a number (expected an array of rows or of numbers)");
  });

  it("readJsonMatrix(syntax error) gives line:column", () => {
    expect(() => read("[[1, 2],\n [3, 4]")).toThrow("m.json: 2:8: found end of input (expected ',' or ']')");
    expect(() => read("[1, nan]")).toThrow("m.json: 1:5: found 'n' (expected a JSON value)");
  });

  it("readJsonMatrix(deep nesting) is E_PARSE, not a stack overflow", () => {
    expect(() => read("[".repeat(100000))).toThrow(InputError);
  });

  it("readJsonMatrix(JSON.stringify(rows)) round-trips any finite matrix", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 20 }), (cols, flat) => {
        const rows = Array.from({ length: Math.ceil(flat.length / cols) }, (_, r) => Array.from({ length: cols }, (_, c) => flat[(r * cols + c) % flat.length]!));
        const tensor = read(JSON.stringify(rows));
        expect(tensor.shape).toEqual([rows.length, cols]);
        expect(Array.from(tensor.data)).toEqual(rows.flat().map((v) => (Object.is(v, -0) ? 0 : v)));
      }),
      { numRuns: 100 },
    );
  });
});
