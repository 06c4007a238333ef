import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { InputError } from "../../src/errors.js";
import { readLabels } from "../../src/io/text/read-labels.js";
import { writeNpy } from "../../src/io/npy/write-npy.js";

const text = (s: string) => new TextEncoder().encode(s);
const fail = (bytes: Uint8Array, source = "y.txt") => {
  try {
    readLabels(bytes, source);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error("expected an InputError");
};

describe("readLabels(bytes, source)", () => {
  it("readLabels(int64 .npy) gives the integers, as numpy wrote them", () => {
    const list = readLabels(readFileSync("fixtures/examples/digits-labels.npy"), "digits-labels.npy");
    expect(list.kind).toBe("integer");
    expect(list.values.length).toBe(397);
    // numpy: y[1400:1408] and np.bincount(y[1400:1800])
    expect(list.values.slice(0, 8)).toEqual([2, 8, 2, 2, 5, 7, 9, 5]);
    const counts = new Array(10).fill(0);
    for (const v of list.values as number[]) counts[v]++;
    expect(counts).toEqual([39, 39, 40, 39, 41, 41, 39, 39, 39, 41]);
    expect(list.values.every((v) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 9)).toBe(true);
    expect(list.place(3)).toBe("element 3");
  });

  it("readLabels(.npy of whole floats, shape [N, 1]) gives integers; a fraction names its element", () => {
    const ok = writeNpy({ shape: [3, 1], data: new Float64Array([2, 0, 1]) });
    expect(readLabels(ok, "y.npy")).toMatchObject({ kind: "integer", values: [2, 0, 1] });
    const bad = writeNpy({ shape: [3], data: new Float64Array([2, 0.5, 1]) });
    expect(fail(bad, "y.npy")).toBe("y.npy: element 1: 0.5 is not an integer label (expected integer class numbers (dtype int, or whole floats))");
    const nan = writeNpy({ shape: [2], data: new Float64Array([NaN, 1]) });
    expect(fail(nan, "y.npy")).toMatch(/^y\.npy: element 0: NaN is not an integer label/);
  });

  it("readLabels(a 2-D .npy) names the shape", () => {
    const m = writeNpy({ shape: [2, 2], data: new Float64Array(4) });
    expect(fail(m, "y.npy")).toBe("y.npy: labels array has shape [2, 2] (expected a 1-D array [samples] (or [samples, 1]) of integers)");
  });

  it("readLabels(text, one integer per line) reads integers; CRLF, spaces and blank lines at the end are fine", () => {
    expect(readLabels(text("3\r\n 1 \n-2\n\n\n"), "y.txt")).toMatchObject({ kind: "integer", values: [3, 1, -2] });
  });

  it("readLabels(text with a header line above integers) skips the header and counts lines from the file's first", () => {
    const list = readLabels(text("label\n3\n1\n"), "y.csv");
    expect(list).toMatchObject({ kind: "integer", values: [3, 1] });
    expect(list.place(0)).toBe("line 2");
  });

  it("readLabels(text of names) reads strings; a quoted label may hold a comma and a doubled quote", () => {
    expect(readLabels(text('cat\ndog\n"a, ""b"""\n7\n'), "y.txt")).toMatchObject({ kind: "string", values: ["cat", "dog", 'a, "b"', "7"] });
  });

  it("readLabels(text) refuses a line with several cells, and an empty line, naming the line", () => {
    expect(fail(text("1\n2,3\n"))).toBe("y.txt: line 2: '2,3' holds several cells (expected one label per line (quote a label that holds a comma))");
    expect(fail(text("1\n\n3\n"))).toBe("y.txt: line 2: empty label (expected one label per line (an integer or a name))");
    expect(fail(text('1\n"open\n'))).toMatch(/^y\.txt: line 2: "open is not one quoted label/);
  });

  it("readLabels(JSON array) reads integers or strings", () => {
    expect(readLabels(text("[1, 0, 2]"), "y.json")).toMatchObject({ kind: "integer", values: [1, 0, 2] });
    expect(readLabels(text('["b", "a"]'), "y.json")).toMatchObject({ kind: "string", values: ["b", "a"] });
  });

  it("readLabels(JSON) names the element that is neither an integer nor a string, or mixes the kinds", () => {
    expect(fail(text("[1, 2.5]"), "y.json")).toBe("y.json: [1]: 2.5 is neither an integer nor a string (expected labels all integers or all strings (integers, as [0] is))");
    expect(fail(text("[1, null]"), "y.json")).toMatch(/^y\.json: \[1\]: null is neither an integer nor a string/);
    expect(fail(text('[1, {"a": 1}]'), "y.json")).toMatch(/^y\.json: \[1\]: \{"a":1\} is neither/);
    expect(fail(text('["a", 1]'), "y.json")).toBe("y.json: [1]: 1 mixes an integer with string labels (expected labels all integers or all strings (strings, as [0] is))");
    expect(fail(text('{"a": 1}'), "y.json")).toBe("y.json: $: not an array (expected a JSON array of integers or strings, one per sample)");
    expect(fail(text("[]"), "y.json")).toMatch(/^y\.json: \$: no labels/);
  });

  it("readLabels(empty, binary or non-UTF-8 bytes) is an InputError", () => {
    expect(fail(new Uint8Array(0))).toMatch(/^y\.txt: file is empty \(0 bytes\)/);
    expect(fail(text("\n \n"))).toMatch(/^y\.txt: no labels/);
    expect(fail(new Uint8Array([0xff, 0xfe, 0x31]))).toMatch(/^y\.txt: byte 0: not valid UTF-8 text/);
    expect(fail(new Uint8Array([0x31, 0x00, 0x32]))).toMatch(/^y\.txt: byte 0: binary data/);
  });
});
