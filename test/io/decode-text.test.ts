import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { decodeText, TEXT_MAX_BYTES } from "../../src/io/text/decode-text.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("decodeText(bytes, source, expected)", () => {
  it("decodeText(utf8) is the text, a byte-order mark dropped", () => {
    expect(decodeText(bytes("\ufeff1,2\n3,4\n"), "a.csv", "UTF-8 text")).toBe("1,2\n3,4\n");
  });

  it("decodeText(not UTF-8) is E_PARSE at byte 0 with the reader's expectation", () => {
    const err = (() => {
      try {
        decodeText(new Uint8Array([0x31, 0xff, 0x32]), "a.csv", "UTF-8 text");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe("E_PARSE");
    expect((err as InputError).message).toBe("a.csv: byte 0: not valid UTF-8 text (expected UTF-8 text)");
  });

  it("decodeText(past the limit) is E_TOO_LARGE naming the size, the limit and the formats read in blocks", () => {
    const limit = 3 * 2 ** 20;
    const text = new Uint8Array(limit + 1).fill(0x31);
    expect(decodeText(text.subarray(0, limit), "big.csv", "UTF-8 text", limit)).toHaveLength(limit);
    expect(() => decodeText(text, "big.csv", "UTF-8 text", limit)).toThrow(
      "big.csv: 3145729 bytes (3 MiB) of text, past the 3 MiB a text file is read in (expected a .npy or .safetensors file for data this size: they are read in blocks)",
    );
  });

  it("TEXT_MAX_BYTES is V8's longest string: one more code unit cannot be made", () => {
    expect(TEXT_MAX_BYTES).toBe(2 ** 29 - 24);
    expect(() => "x".repeat(TEXT_MAX_BYTES + 1)).toThrow(RangeError);
  });
});
