import { describe, expect, it } from "vitest";
import { sniffFormat } from "../../src/io/sniff.js";
import { fixture } from "./fixture.js";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("sniffFormat(bytes, name)", () => {
  it.each([
    ["io/npy/f4-le-c.npy", "npy"],
    ["io/npz/stored.npz", "npz"],
    ["io/npz/compressed.npz", "npz"],
    ["io/safetensors/all.safetensors", "safetensors"],
    ["io/text/matrix.json", "json"],
    ["io/text/object.json", "json"],
  ])("sniffFormat(%s, no name) is %s by its magic bytes", (path, format) => {
    expect(sniffFormat(fixture(path))).toBe(format);
  });

  it("sniffFormat(magic bytes, misleading extension) trusts the magic", () => {
    expect(sniffFormat(fixture("io/npy/f4-le-c.npy"), "acts.csv")).toBe("npy");
  });

  it.each([
    ["a.csv", "csv"],
    ["a.TSV", "tsv"],
    ["a.tab", "tsv"],
    ["a.npy", "npy"],
    ["a.json", "json"],
  ])("sniffFormat(text, %s) is %s by the extension", (name, format) => {
    expect(sniffFormat(utf8("1,2\n"), name)).toBe(format);
  });

  it("sniffFormat(text with a tab in the first line, no name) is tsv", () => {
    expect(sniffFormat(utf8("a\tb\n1\t2\n"))).toBe("tsv");
  });

  it("sniffFormat(text without a tab, no name) is csv", () => {
    expect(sniffFormat(utf8("a,b\n1,2\n"))).toBe("csv");
  });

  it("sniffFormat(whitespace then '[', no name) is json", () => {
    expect(sniffFormat(utf8("\n  [[1]]"))).toBe("json");
  });

  it("sniffFormat(zero bytes) is E_EMPTY naming the file", () => {
    expect(() => sniffFormat(new Uint8Array(0), "x.bin")).toThrow("x.bin: file is empty (0 bytes) (expected npy, npz, safetensors, PyTorch, HDF5, JSON, CSV, TSV or whitespace-separated data)");
  });

  it("sniffFormat(binary of no known kind) is E_FORMAT", () => {
    expect(() => sniffFormat(Uint8Array.from([0, 1, 2, 200]), "x.bin")).toThrow("x.bin: byte 0: unrecognised binary data (expected a .npy, .npz, .safetensors, .pt, .h5, .json, .csv, .tsv or .txt file)");
  });

  it("sniffFormat(an ONNX model) says it is a model, not activations, and how to compute them", () => {
    const model = fixture("io/onnx/tiny.onnx");
    for (const name of ["tiny.onnx", undefined]) {
      expect(() => sniffFormat(model, name)).toThrow(`${name ?? "<stdin>"}: is an ONNX model, not activations (expected --weights MODEL.onnx --input X.npy to compute its activations)`);
    }
  });

  it("sniffFormat(binary, no name) names <stdin>", () => {
    expect(() => sniffFormat(Uint8Array.from([0, 1]))).toThrow(/^<stdin>: /);
  });
});
