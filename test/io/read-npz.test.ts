import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { npzKeys, readNpz } from "../../src/io/zip/read-npz.js";
import { expected, expectedValues, fixture } from "./fixture.js";

const npzCases = Object.keys(expected).filter((name) => name.startsWith("npz/"));

describe("readNpz(bytes, source, key)", () => {
  it.each(npzCases)("readNpz(%s) equals numpy's array", (name) => {
    const [file, key] = name.split("#") as [string, string];
    const want = expected[name]!;
    const tensor = readNpz(fixture(`io/${file}`), file, file.includes("single") ? undefined : key);
    expect(tensor.shape).toEqual(want.shape);
    expect(tensor.dtype).toBe(want.dtype);
    expect(Array.from(tensor.data)).toEqual(expectedValues(want));
  });

  it("npzKeys(np.savez(acts=..., labels=...)) lists the names without .npy", () => {
    expect(npzKeys(fixture("io/npz/stored.npz"), "s.npz")).toEqual(["acts", "labels"]);
    expect(npzKeys(fixture("io/npz/compressed.npz"), "c.npz")).toEqual(["acts", "labels"]);
  });

  it("readNpz(np.savez_compressed, one array) takes it without a key", () => {
    expect(readNpz(fixture("io/npz/single.npz"), "one.npz").shape).toEqual([5, 2]);
  });

  it("readNpz(several arrays, no key) lists the names", () => {
    expect(() => readNpz(fixture("io/npz/stored.npz"), "s.npz")).toThrow(
      "s.npz: 2 arrays and no key to choose one (expected a key, one of 'acts', 'labels')",
    );
  });

  it("readNpz(missing key) lists the names", () => {
    expect(() => readNpz(fixture("io/npz/compressed.npz"), "c.npz", "nope")).toThrow(
      "c.npz: array 'nope': not found (expected one of 'acts', 'labels')",
    );
  });

  it("readNpz(bytes) does not mutate its input", () => {
    const bytes = fixture("io/npz/compressed.npz");
    const before = Uint8Array.from(bytes);
    readNpz(bytes, "c.npz", "acts");
    expect(bytes).toEqual(before);
  });

  it("readNpz(every truncation of a compressed archive) throws an InputError", () => {
    const bytes = fixture("io/npz/compressed.npz");
    for (let n = 0; n < bytes.length; n += 7) {
      expect(() => readNpz(bytes.subarray(0, n), "c.npz", "acts")).toThrow(InputError);
    }
  });

  it("readNpz(a deflate size claim beyond 1100:1) is refused before allocating", () => {
    const bytes = Uint8Array.from(fixture("io/npz/compressed.npz"));
    const view = new DataView(bytes.buffer);
    // Patch the first central directory entry's uncompressed size to 4 GB - 2.
    const central = findSignature(bytes, 0x02014b50);
    view.setUint32(central + 24, 0xfffffffe, true);
    expect(() => readNpz(bytes, "c.npz", "acts")).toThrow(/c\.npz: entry 'acts\.npy': claims 4294967294 bytes from \d+ deflated bytes/);
  });
});

function findSignature(bytes: Uint8Array, signature: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let i = 0; i + 4 <= bytes.length; i++) if (view.getUint32(i, true) === signature) return i;
  throw new Error("signature not found");
}
