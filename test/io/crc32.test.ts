import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crc32, crc32Table } from "../../src/io/zip/crc32.js";

describe("crc32(bytes)", () => {
  it('crc32("123456789") is the check value 0xcbf43926 of CRC-32/ISO-HDLC, natively and by the table', () => {
    const bytes = new TextEncoder().encode("123456789");
    expect(crc32(bytes)).toBe(0xcbf43926);
    expect(crc32Table(bytes)).toBe(0xcbf43926);
  });

  it("crc32(bytes) equals the table loop for any bytes, views at an offset included", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(10), (bytes, skip) => {
      const view = bytes.subarray(Math.min(skip, bytes.length));
      expect(crc32(view)).toBe(crc32Table(view));
    }));
  });
});
