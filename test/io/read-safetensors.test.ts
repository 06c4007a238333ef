import { describe, expect, it } from "vitest";
import { readSafetensors, safetensorsEntries } from "../../src/io/weights/read-safetensors.js";
import { expected, expectedValues, fixture } from "./fixture.js";

const cases = Object.keys(expected).filter((name) => name.startsWith("safetensors/"));

/** A safetensors file from a header object and raw data bytes. */
function build(header: unknown, data: Uint8Array): Uint8Array {
  let text = JSON.stringify(header);
  text = text.padEnd(Math.ceil(text.length / 8) * 8, " ");
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setUint32(0, text.length, true);
  out.set(new TextEncoder().encode(text), 8);
  out.set(data, 8 + text.length);
  return out;
}

describe("readSafetensors(bytes, source, key)", () => {
  it.each(cases)("readSafetensors(%s) equals the values written", (name) => {
    const [file, key] = name.split("#") as [string, string | undefined];
    const want = expected[name]!;
    const tensor = readSafetensors(fixture(`io/${file}`), file, key);
    expect(tensor.shape).toEqual(want.shape);
    expect(tensor.dtype).toBe(want.dtype);
    expect(Array.from(tensor.data)).toEqual(expectedValues(want));
  });

  it("safetensorsEntries(all dtypes) lists names, file dtypes and shapes in data order, skipping __metadata__", () => {
    const entries = safetensorsEntries(fixture("io/safetensors/all.safetensors"), "all.safetensors");
    expect(entries.map((e) => e.dtype).sort()).toEqual(["BF16", "BOOL", "F16", "F32", "F64", "I16", "I32", "I64", "I8", "U16", "U32", "U64", "U8"]);
    expect(entries.find((e) => e.name === "t.bf16")).toEqual({ name: "t.bf16", dtype: "BF16", shape: [3, 2] });
  });

  it("readSafetensors(several tensors, no key) lists the names", () => {
    expect(() => readSafetensors(fixture("io/safetensors/all.safetensors"), "a.st")).toThrow(/^a\.st: 13 tensors and no key to choose one \(expected a key, one of 't\.f16', /);
  });

  it("readSafetensors(aligned F32) is a view over the input bytes", () => {
    const bytes = fixture("io/safetensors/single.safetensors");
    expect(readSafetensors(bytes, "s.st").data.buffer).toBe(bytes.buffer);
  });

  it("readSafetensors(header length 2^40) is refused before allocating", () => {
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setUint32(4, 256, true);
    expect(() => readSafetensors(bytes, "h.st")).toThrow("h.st: byte 0: header length 1099511627776 exceeds the 8 bytes after it (expected a header inside the file)");
  });

  it("readSafetensors(data_offsets past the end) names the tensor and the data size", () => {
    const bytes = build({ w: { dtype: "F32", shape: [4], data_offsets: [0, 16] } }, new Uint8Array(8));
    expect(() => safetensorsEntries(bytes, "o.st")).toThrow("o.st: tensor 'w': data_offsets [0, 16] fall outside the 8 data bytes (expected 0 <= begin <= end <= 8)");
  });

  it("readSafetensors(an entry without shape) names the field", () => {
    const bytes = build({ w: { dtype: "F32", data_offsets: [0, 4] } }, new Uint8Array(4));
    expect(() => readSafetensors(bytes, "m.st")).toThrow(/^m\.st: tensor 'w': shape: Invalid input/);
  });

  it("readSafetensors(an unknown dtype) lists the supported ones, while safetensorsEntries still lists it", () => {
    const bytes = build({ w: { dtype: "F8_E4M3", shape: [2], data_offsets: [0, 2] } }, new Uint8Array(2));
    expect(safetensorsEntries(bytes, "d.st")).toEqual([{ name: "w", dtype: "F8_E4M3", shape: [2] }]);
    expect(() => readSafetensors(bytes, "d.st")).toThrow("d.st: tensor 'w': dtype F8_E4M3 is not supported (expected one of F16, BF16, F32, F64, I8, I16, I32, I64, U8, U16, U32, U64, BOOL)");
  });

  it("readSafetensors(F16 specials) decodes subnormals, infinities and NaN", () => {
    const halves = new Uint16Array([0x0001, 0x7c00, 0xfc00, 0x7e00, 0x8000, 0x3c00]);
    const bytes = build({ h: { dtype: "F16", shape: [6], data_offsets: [0, 12] } }, new Uint8Array(halves.buffer));
    expect(Array.from(readSafetensors(bytes, "h.st").data)).toEqual([2 ** -24, Infinity, -Infinity, NaN, -0, 1]);
  });
});
