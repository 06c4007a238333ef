import { describe, expect, it } from "vitest";
import { InputError, UsageError } from "../../src/errors.js";
import { readTensor } from "../../src/io/read-tensor.js";
import { fixture } from "./fixture.js";

describe("readTensor(bytes, options)", () => {
  it.each([
    ["io/npy/f8-le-c.npy", undefined, [3, 4]],
    ["io/npz/compressed.npz", "labels", [4]],
    ["io/safetensors/all.safetensors", "t.bf16", [3, 2]],
    ["io/text/object.json", "acts", [2, 3]],
    ["io/text/header.csv", undefined, [3, 3]],
    ["io/text/no-header.tsv", undefined, [2, 3]],
  ])("readTensor(%s, key %s) sniffs the format and has shape %j", (path, key, shape) => {
    expect(readTensor(fixture(path), { source: path, key }).shape).toEqual(shape);
  });

  it("readTensor(stdin text with a tab, source '-') reads TSV", () => {
    expect(readTensor(new TextEncoder().encode("1\t2\n"), { source: "-" }).shape).toEqual([1, 2]);
  });

  it("readTensor(bad stdin, source '-') names <stdin> in the message", () => {
    expect(() => readTensor(new TextEncoder().encode("1,2\n3\n"), { source: "-" })).toThrow(/^<stdin>: row 2, column 2: /);
  });

  it("readTensor(bytes, format) skips sniffing", () => {
    const tsv = new TextEncoder().encode("1\t2\n");
    expect(readTensor(tsv, { source: "x.csv", format: "tsv" }).shape).toEqual([1, 2]);
    expect(() => readTensor(tsv, { source: "x.csv", format: "npy" })).toThrow(InputError);
  });

  it("readTensor(npy, key) is a UsageError: the format holds one array", () => {
    expect(() => readTensor(fixture("io/npy/f4-le-c.npy"), { source: "a.npy", key: "x" })).toThrow(UsageError);
  });
});
