import { describe, expect, it } from "vitest";
import { bytesSource, fileSource } from "../../src/io/byte-source.js";
import { readTensor } from "../../src/io/read-tensor.js";
import { safetensorsEntries } from "../../src/io/weights/read-safetensors.js";
import { openTensorSource } from "../../src/io/tensor-source.js";
import { allRows, bits, expectBlocksEqualWhole } from "./blocks.js";
import { FIXTURES, fixture, fixtureNames } from "./fixture.js";

const npyFiles = fixtureNames("io/npy").filter((f) => f.endsWith(".npy")).map((f) => `io/npy/${f}`);
const safetensors = fixtureNames("io/safetensors").flatMap((f) =>
  safetensorsEntries(fixture(`io/safetensors/${f}`), f).map((e) => [`io/safetensors/${f}`, e.name] as const),
);

describe("openTensorSource(bytes, source)", () => {
  it.each(npyFiles)("openTensorSource(%s) gives the whole-file reader's shape, dtype and bits, one row or three per block", async (path) => {
    const bytes = fixture(path);
    const whole = readTensor(bytes, { source: path, format: "npy" });
    const t = (await openTensorSource(bytesSource(bytes), path))!;
    await expectBlocksEqualWhole(t, whole, [1, 3]);
  });

  it.each(safetensors)("openTensorSource(%s, key %s) gives the whole-file reader's shape, dtype and bits, one row per block", async (path, key) => {
    const bytes = fixture(path);
    const whole = readTensor(bytes, { source: path, key });
    const t = (await openTensorSource(bytesSource(bytes), path, { key }))!;
    expect(t.shape).toEqual(whole.shape);
    expect(t.dtype).toBe(whole.dtype);
    expect(bits(await allRows(t, 1))).toBe(bits(whole.data));
  });

  it.each(fixtureNames("bad").filter((f) => /^(npy|safetensors)-/.test(f)))("openTensorSource(bad/%s) throws the whole-file reader's error, or leaves a file it does not recognise to it", async (file) => {
    const bytes = fixture(`bad/${file}`);
    let want: unknown;
    try {
      readTensor(bytes, { source: file });
    } catch (err) {
      want = err;
    }
    const opened = openTensorSource(bytesSource(bytes), file);
    if (["npy-bad-magic.npy", "safetensors-header-length.safetensors"].includes(file)) expect(await opened).toBeUndefined();
    else await expect(opened).rejects.toThrow((want as Error).message);
  });

  it("openTensorSource(a file) reads by offset through a file handle, the same bits", async () => {
    const path = "io/npy/f4-le-f.npy";
    const source = await fileSource(`${FIXTURES}${path}`);
    try {
      const t = (await openTensorSource(source, path))!;
      expect(bits(await allRows(t, 2))).toBe(bits(readTensor(fixture(path), { source: path }).data));
    } finally {
      await source.close();
    }
  });

  it("openTensorSource(csv, json) is undefined: those are read whole", async () => {
    expect(await openTensorSource(bytesSource(new TextEncoder().encode("1,2\n3,4\n")), "a.csv")).toBeUndefined();
    expect(await openTensorSource(bytesSource(new TextEncoder().encode("[[1, 2]]")), "a.json")).toBeUndefined();
  });

  it("readRows(start, end) outside the rows is a RangeError", async () => {
    const t = (await openTensorSource(bytesSource(fixture("io/npy/f4-le-c.npy")), "f4.npy"))!;
    await expect(t.readRows(0, t.shape[0]! + 1)).rejects.toThrow(RangeError);
  });
});
