import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readNpy } from "../../src/io/npy/read-npy.js";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { expected, expectedValues, fixture } from "./fixture.js";

const npyCases = Object.keys(expected).filter((name) => name.startsWith("npy/"));

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).code;
  }
  throw new Error("expected an InputError");
}

describe("readNpy(bytes, source)", () => {
  it("has a fixture for every dtype, byte order and layout", () => {
    for (const dtype of ["f2", "f4", "f8", "i2", "i4", "i8", "u2", "u4", "u8"]) {
      for (const order of ["le", "be"]) for (const layout of ["c", "f"]) expect(npyCases).toContain(`npy/${dtype}-${order}-${layout}.npy`);
    }
    for (const dtype of ["i1", "u1", "b1"]) for (const layout of ["c", "f"]) expect(npyCases).toContain(`npy/${dtype}-na-${layout}.npy`);
  });

  it.each(npyCases)("readNpy(%s) equals numpy's values, shape and dtype", (name) => {
    const want = expected[name]!;
    const tensor = readNpy(fixture(`io/${name}`), name);
    expect(tensor.shape).toEqual(want.shape);
    expect(tensor.dtype).toBe(want.dtype);
    expect(Array.from(tensor.data)).toEqual(expectedValues(want));
    const kind = want.dtype.replace(/^[<>|=]/, "");
    expect(tensor.data).toBeInstanceOf(["f2", "f4"].includes(kind) ? Float32Array : Float64Array);
  });

  it("readNpy(aligned little-endian f4) is a view over the input bytes, not a copy", () => {
    const bytes = fixture("io/npy/f4-le-c.npy");
    const tensor = readNpy(bytes, "f4.npy");
    expect(tensor.data.buffer).toBe(bytes.buffer);
    expect(tensor.data.byteOffset).toBe(bytes.byteOffset + 128);
  });

  it("readNpy(misaligned little-endian f4) copies once and reads the same values", () => {
    const bytes = fixture("io/npy/f4-le-c.npy");
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    const tensor = readNpy(shifted, "f4.npy");
    expect(tensor.data.buffer).not.toBe(shifted.buffer);
    expect(Array.from(tensor.data)).toEqual(Array.from(readNpy(bytes, "f4.npy").data));
  });

  it("readNpy(big-endian f8) copies into a new Float64Array", () => {
    const bytes = fixture("io/npy/f8-be-c.npy");
    const tensor = readNpy(bytes, "f8.npy");
    expect(tensor.data.buffer).not.toBe(bytes.buffer);
    expect(tensor.data).toBeInstanceOf(Float64Array);
  });

  it.each(["f2", "f4", "f8", "i2", "i4", "i8", "u2", "u4", "u8"])("readNpy(a Buffer of big-endian %s, as readBytes returns) neither mutates nor aliases it", (dtype) => {
    const buffer = Buffer.from(fixture(`io/npy/${dtype}-be-c.npy`));
    const before = Buffer.from(buffer);
    const tensor = readNpy(buffer, "b.npy");
    expect(buffer.equals(before)).toBe(true);
    expect(tensor.data.buffer).not.toBe(buffer.buffer);
    expect(Array.from(tensor.data)).toEqual(expectedValues(expected[`npy/${dtype}-be-c.npy`]!));
  });

  it.each(["f4-le-c", "f8-le-f", "i8-le-c", "u2-le-c"])("readNpy(a Buffer view at an odd offset, %s) copies and reads the same values", (name) => {
    const bytes = fixture(`io/npy/${name}.npy`);
    const pool = Buffer.alloc(bytes.length + 1);
    pool.set(bytes, 1);
    const odd = pool.subarray(1);
    expect(Array.from(readNpy(odd, "odd.npy").data)).toEqual(expectedValues(expected[`npy/${name}.npy`]!));
    expect(odd.equals(Buffer.from(bytes))).toBe(true);
  });

  it("readNpy(bytes) does not mutate its input", () => {
    const bytes = fixture("io/npy/cube-f.npy");
    const before = Uint8Array.from(bytes);
    readNpy(bytes, "cube-f.npy");
    expect(bytes).toEqual(before);
  });

  it("readNpy(i8 beyond 2^53) rounds to the nearest double like numpy's astype(float64)", () => {
    const tensor = readNpy(fixture("io/npy/i8-le-c.npy"), "i8.npy");
    expect(tensor.data[0]).toBe(-(2 ** 63));
    expect(tensor.data[1]).toBe(2 ** 63);
    expect(tensor.data[6]).toBe(2 ** 53);
  });

  it("readNpy(0-d) has shape [] and one value", () => {
    const tensor = readNpy(fixture("io/npy/scalar.npy"), "scalar.npy");
    expect(tensor.shape).toEqual([]);
    expect(Array.from(tensor.data)).toEqual([2.5]);
  });

  it("readNpy(shape (0, 5)) is an empty tensor, not an error", () => {
    const tensor = readNpy(fixture("io/npy/empty-0x5.npy"), "empty.npy");
    expect(tensor.shape).toEqual([0, 5]);
    expect(tensor.data.length).toBe(0);
  });

  it("readNpy(truncated data) names both byte counts", () => {
    const bytes = fixture("io/npy/f4-le-c.npy");
    expect(() => readNpy(bytes.subarray(0, bytes.length - 1), "t.npy")).toThrow(
      "t.npy: byte 128: shape (3, 4) of '<f4' needs 48 data bytes but the file has 47 (expected 48 bytes after the header)",
    );
  });

  it("readNpy(header cut short) is E_TRUNCATED at byte 8", () => {
    const bytes = fixture("io/npy/f4-le-c.npy");
    expect(codeOf(() => readNpy(bytes.subarray(0, 60), "t.npy"))).toBe("E_TRUNCATED");
    expect(() => readNpy(bytes.subarray(0, 60), "t.npy")).toThrow(/^t\.npy: byte 8: header length 118 runs past/);
  });

  it("readNpy(each prefix of a valid file) throws E_TRUNCATED", () => {
    const bytes = fixture("io/npy/i2-be-c.npy");
    for (let n = 0; n < bytes.length; n++) expect(codeOf(() => readNpy(bytes.subarray(0, n), "p.npy"))).toBe("E_TRUNCATED");
  });

  it("readNpy(wrong magic) is E_MAGIC naming byte 0", () => {
    expect(() => readNpy(new TextEncoder().encode("PK\x03\x04 not npy"), "x.npy")).toThrow("x.npy: byte 0: not a .npy file (expected the magic \\x93NUMPY)");
  });

  it("readNpy(header with a function call) refuses it without evaluating", () => {
    const header = "{'descr': eval('1'), 'fortran_order': False, 'shape': (1,), }";
    const bytes = writeHeader(header, 4);
    expect(codeOf(() => readNpy(bytes, "h.npy"))).toBe("E_HEADER");
    expect(() => readNpy(bytes, "h.npy")).toThrow(/h\.npy: byte 20: header has 'e' \(expected a dict, tuple/);
  });

  it.each([
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}", "E_HEADER"],
    ["{'descr': '<f4', 'descr': '<f4', 'shape': (1,)}", "E_HEADER"],
    ["{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}", "E_HEADER"],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': [1]}", "E_HEADER"],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (1.0,)}", "E_HEADER"],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}", "E_SHAPE"],
    ["['descr', '<f4']", "E_HEADER"],
    ["{'descr': '<c16', 'fortran_order': False, 'shape': (1,)}", "E_DTYPE"],
    ["{'descr': '|O', 'fortran_order': False, 'shape': (1,)}", "E_DTYPE"],
    ["{'descr': '<M8[ns]', 'fortran_order': False, 'shape': (1,)}", "E_DTYPE"],
    ["{'descr': '<f3', 'fortran_order': False, 'shape': (1,)}", "E_DTYPE"],
  ])("readNpy(header %s) throws %s", (header, code) => {
    expect(codeOf(() => readNpy(writeHeader(header, 4), "h.npy"))).toBe(code);
  });

  it("readNpy(unicode dtype) names the dtype", () => {
    expect(() => readNpy(writeHeader("{'descr': '<U3', 'fortran_order': False, 'shape': (1,)}", 12), "u.npy")).toThrow(
      "u.npy: dtype '<U3': unicode string arrays are not supported (expected one of f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1 with byte order < > | =)",
    );
  });

  it("readNpy(writeNpy(t)) round-trips a Float64Array", () => {
    const data = Float64Array.from([1, -0, NaN, Infinity, 1e-310, 5]);
    const tensor = readNpy(writeNpy({ shape: [2, 3], data }), "w.npy");
    expect(tensor.shape).toEqual([2, 3]);
    expect(Array.from(tensor.data)).toEqual(Array.from(data));
  });
});

/** A version 1.0 npy file with `header` and `dataBytes` zero bytes of data. */
function writeHeader(header: string, dataBytes: number): Uint8Array {
  const padded = header.padEnd(Math.ceil((header.length + 11) / 64) * 64 - 11, " ") + "\n";
  const out = new Uint8Array(10 + padded.length + dataBytes);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, padded.length & 0xff, padded.length >> 8]);
  out.set(new TextEncoder().encode(padded), 10);
  return out;
}
