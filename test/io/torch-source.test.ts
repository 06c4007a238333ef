import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { bytesSource, type ByteSource } from "../../src/io/byte-source.js";
import { readTensor } from "../../src/io/read-tensor.js";
import { openTensorSource } from "../../src/io/tensor-source.js";
import { stridedSource } from "../../src/io/torch/strided-source.js";
import { torchEntries } from "../../src/io/torch/read-torch.js";
import { allRows, expectBlocksEqualWhole } from "./blocks.js";
import { FIXTURES, fixture, fixtureNames } from "./fixture.js";

const files = [...fixtureNames("torch").filter((f) => /\.pth?$/.test(f)).map((f) => `torch/${f}`), ...fixtureNames("torch/stream").filter((f) => f.endsWith(".pt")).map((f) => `torch/stream/${f}`)];
const tensors = files.flatMap((path) => torchEntries(fixture(path), path).map((e) => [path, e.name, e.shape.reduce((a, b) => a * b, 1)] as const));

describe("openTensorSource(a PyTorch file, zip or legacy, key)", () => {
  it("covers legacy files and strided views (a transpose, a permutation, a column)", () => {
    expect(tensors.filter(([p]) => /legacy/.test(p)).length).toBeGreaterThan(8);
    expect(tensors.length).toBeGreaterThan(40);
  });

  it.each(tensors)("openTensorSource(%s, key '%s') gives the whole reader's shape, dtype and bits, 1, 2 and 3 rows per block", async (path, key, count) => {
    const bytes = fixture(path);
    const options = key === "" ? {} : { key };
    const whole = readTensor(bytes, { source: path, ...options });
    const t = await openTensorSource(bytesSource(bytes), path, options);
    if (count === 0) {
      expect(t).toBeUndefined(); // an empty tensor: the whole reader's
      return;
    }
    expect(t, "left to the whole reader").toBeDefined();
    await expectBlocksEqualWhole(t!, whole, [1, 2, 3]);
  });

  const expected = JSON.parse(readFileSync(`${FIXTURES}torch/stream/expected.json`, "utf8")) as Record<string, Record<string, { shape: number[]; values: (number | string)[] }>>;
  it.each(Object.entries(expected).flatMap(([file, entries]) => Object.keys(entries).map((name) => [file, name] as const)))("openTensorSource(stream/%s, key '%s') gives torch's values", async (file, name) => {
    const t = (await openTensorSource(bytesSource(fixture(`torch/stream/${file}`)), file, name === "" ? {} : { key: name }))!;
    const want = expected[file]![name]!;
    expect(t.shape).toEqual(want.shape);
    expect(Array.from(await allRows(t, 2))).toEqual(want.values.map(Number));
  });

  it("stridedSource splits a view wider than its read bound along its widest axis: the same values, no read past the bound", async () => {
    const storage = Float64Array.from({ length: 5 * 6 * 7 }, (_, i) => i * 1.5 - 7);
    const bytes = new Uint8Array(storage.buffer);
    let widest = 0;
    const real = bytesSource(bytes);
    const counted: ByteSource = { ...real, read: (o, n) => ((widest = Math.max(widest, n)), real.read(o, n)) };
    // a [7, 5, 6] permutation of a [5, 6, 7] array, from element 0: strides (1, 42, 7)
    const want: number[] = [];
    for (let i = 0; i < 7; i++) for (let j = 0; j < 5; j++) for (let k = 0; k < 6; k++) want.push(storage[i + 42 * j + 7 * k]!);
    // rows gathered 2 at a time (a row is 240 bytes) and kept for the next blocks, or all at once
    for (const gatherBytes of [480, 1 << 24]) {
      const t = stridedSource(counted, [7, 5, 6], [1, 42, 7], 0, "<f8", { kind: "f", size: 8, littleEndian: true }, 24, gatherBytes);
      for (const block of [1, 3, 7]) expect(Array.from(await allRows(t, block))).toEqual(want);
      expect(Array.from(await t.readRows(2, 4))).toEqual(want.slice(60, 120)); // behind the rows kept
    }
    expect(widest).toBeLessThanOrEqual(24);
  });

  it("a legacy file's storages are found by 8-byte reads of their counts: the reads before the first row are the pickles and the counts", async () => {
    const bytes = fixture("torch/stream/dict-legacy.pt");
    const real = bytesSource(bytes);
    const lengths: number[] = [];
    const counted: ByteSource = { ...real, read: (o, n) => (lengths.push(n), real.read(o, n)) };
    const t = (await openTensorSource(counted, "dict-legacy.pt", { key: "b" }))!;
    expect(lengths.filter((n) => n === 8).length).toBeGreaterThanOrEqual(2); // one count per storage record
    expect(t.shape).toEqual([4, 6]);
  });

  it.each([
    ["torch/stream/dict-legacy.pt", "z"],
    ["torch/stream/dict-legacy.pt", undefined],
    ["torch/stream/acts-legacy.pt", "x"],
  ])("openTensorSource(%s, key %s) throws the whole reader's error", async (path, key) => {
    const bytes = fixture(path);
    const options = key === undefined ? {} : { key };
    let want: Error | undefined;
    try {
      readTensor(bytes, { source: path, ...options });
    } catch (error) {
      want = error as Error;
    }
    expect(want).toBeInstanceOf(InputError);
    await expect(openTensorSource(bytesSource(bytes), path, options)).rejects.toThrow(want!.message);
  });

  it("a truncated legacy file: the whole reader's error, in one line", async () => {
    const bytes = fixture("torch/stream/acts-legacy.pt");
    const cut = bytes.subarray(0, bytes.length - 10);
    let want: Error | undefined;
    try {
      readTensor(cut, { source: "cut.pt" });
    } catch (error) {
      want = error as Error;
    }
    await expect(openTensorSource(bytesSource(cut), "cut.pt")).rejects.toThrow(want!.message);
  });
});

describe("openTensorSource(bytes, source, { format: 'pt' })", () => {
  it("openTensorSource(a legacy or zip PyTorch file, format pt) reads it as sniffing does; a .npz read as pt is left to the whole reader", async () => {
    for (const path of ["torch/stream/acts-legacy.pt", "torch/acts.pt"]) {
      const t = (await openTensorSource(bytesSource(fixture(path)), path, { format: "pt" }))!;
      expect(t.shape).toEqual(readTensor(fixture(path), { source: path }).shape);
    }
    expect(await openTensorSource(bytesSource(fixture("io/npz/stored.npz")), "stored.npz", { format: "pt" })).toBeUndefined();
  });
});
