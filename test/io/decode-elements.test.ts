import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeElements } from "../../src/io/npy/decode-elements.js";
import { halfToFloat } from "../../src/io/npy/half-to-float.js";

describe("halfToFloat(bits)", () => {
  it.each([
    [0x0000, 0],
    [0x8000, -0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x7bff, 65504],
    [0x0400, 2 ** -14],
    [0x0001, 2 ** -24],
    [0x03ff, 1023 * 2 ** -24],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
  ])("halfToFloat(%i) = %d", (bits, value) => {
    expect(halfToFloat(bits)).toBe(value);
  });

  it("halfToFloat(NaN patterns) is NaN", () => {
    expect(halfToFloat(0x7e00)).toBeNaN();
    expect(halfToFloat(0xfc01)).toBeNaN();
  });

  it("halfToFloat(bits ^ 0x8000) = -halfToFloat(bits) for every non-NaN bits", () => {
    for (let bits = 0; bits < 0x7c01; bits++) expect(Object.is(halfToFloat(bits ^ 0x8000), -halfToFloat(bits))).toBe(true);
  });

  it("halfToFloat is increasing over the positive finite bit patterns", () => {
    for (let bits = 1; bits < 0x7c01; bits++) expect(halfToFloat(bits)).toBeGreaterThan(halfToFloat(bits - 1));
  });
});

describe("decodeElements(bytes, offset, count, type)", () => {
  it("decodeElements(big-endian f4) = DataView.getFloat32(big-endian)", () => {
    fc.assert(
      fc.property(fc.array(fc.float({ noNaN: true }), { maxLength: 20 }), (values) => {
        const bytes = new Uint8Array(values.length * 4 + 3);
        const view = new DataView(bytes.buffer);
        values.forEach((v, i) => view.setFloat32(3 + i * 4, v, false));
        expect(Array.from(decodeElements(bytes, 3, values.length, { kind: "f", size: 4, littleEndian: false }))).toEqual(values);
      }),
      { numRuns: 100 },
    );
  });

  it("decodeElements(i8 either order) = Number(BigInt) for any 64-bit integer", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.boolean(), (value, le) => {
        const bytes = new Uint8Array(8);
        new DataView(bytes.buffer).setBigInt64(0, value, le);
        expect(decodeElements(bytes, 0, 1, { kind: "i", size: 8, littleEndian: le })[0]).toBe(Number(value));
      }),
      { numRuns: 300 },
    );
  });

  it("decodeElements(u8) = Number(BigInt) for any unsigned 64-bit integer", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (value) => {
        const bytes = new Uint8Array(8);
        new DataView(bytes.buffer).setBigUint64(0, value, true);
        expect(decodeElements(bytes, 0, 1, { kind: "u", size: 8, littleEndian: true })[0]).toBe(Number(value));
      }),
      { numRuns: 300 },
    );
  });

  it("decodeElements(bf16) = the float32 whose high half is those bits", () => {
    const bytes = Uint8Array.from([0x80, 0x3f, 0x49, 0x40, 0x80, 0xff]);
    expect(Array.from(decodeElements(bytes, 0, 3, { kind: "bf", size: 2, littleEndian: true }))).toEqual([1, 3.140625, -Infinity]);
  });

  it("decodeElements(b1) maps any non-zero byte to 1", () => {
    expect(Array.from(decodeElements(Uint8Array.from([0, 1, 2, 255]), 0, 4, { kind: "b", size: 1, littleEndian: true }))).toEqual([0, 1, 1, 1]);
  });
});
