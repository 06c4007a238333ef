import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { bytesSource } from "../../src/io/byte-source.js";
import { openHdf5 } from "../../src/io/hdf5/open-hdf5.js";
import { hdf5DatasetPaths } from "../../src/io/hdf5/read-hdf5.js";
import { readTensor, readTensorAsync } from "../../src/io/read-tensor.js";
import { openTensorSource } from "../../src/io/tensor-source.js";
import { npzKeys as readNpzKeys, readNpz } from "../../src/io/zip/read-npz.js";
import type { ByteSource } from "../../src/io/byte-source.js";
import { allRows, expectBlocksEqualWhole } from "./blocks.js";
import { fixture, fixtureNames } from "./fixture.js";

/** Every dataset of every HDF5 fixture jsfive lists, with what the whole reader gives (or throws). */
const files = [
  ...fixtureNames("hdf5").filter((f) => f.endsWith(".h5")).map((f) => `hdf5/${f}`),
  ...fixtureNames("hdf5/stream").filter((f) => f.endsWith(".h5")).map((f) => `hdf5/stream/${f}`),
];
const datasets = files.flatMap((path) => {
  try {
    return hdf5DatasetPaths(openHdf5(fixture(path), path), path).map((key) => [path, key] as const);
  } catch {
    return [];
  }
});

describe("openTensorSource(an HDF5 file, key)", () => {
  it("finds datasets in every kind of fixture", () => {
    expect(datasets.length).toBeGreaterThan(40);
  });

  it.each(datasets)("openTensorSource(%s, key %s) gives the whole reader's shape, dtype and bits, 1, 2 and 3 rows per block, or is left to it", async (path, key) => {
    const bytes = fixture(path);
    let whole;
    try {
      whole = readTensor(bytes, { source: path, key });
    } catch (error) {
      whole = error as Error;
    }
    const t = await openTensorSource(bytesSource(bytes), path, { key }).catch((e: Error) => e);
    if (whole instanceof Error) {
      // jsfive cannot read it: the block reader must leave it, or read it as h5py does (checked below)
      if (t instanceof Error) expect(t.message).toBe(whole.message);
      return;
    }
    if (t instanceof Error) throw t;
    expect(t, "left to the whole reader").toBeDefined();
    await expectBlocksEqualWhole(t!, whole, [1, 2, 3]);
  });

  it.each(datasets)("readTensorAsync(%s, key %s), as neurons reads a file it holds (chunked datasets by the block reader), gives what the whole reader gives", async (path, key) => {
    const bytes = fixture(path);
    let whole: ReturnType<typeof readTensor> | Error;
    try {
      whole = readTensor(bytes, { source: path, key });
    } catch (error) {
      whole = error as Error;
    }
    if (whole instanceof Error) return; // what jsfive cannot read: h5py's values, checked below and in hdf5-v4.test.ts
    const got = await readTensorAsync(bytes, { source: path, key });
    expect(got.shape).toEqual(whole.shape);
    expect(got.dtype).toBe(whole.dtype);
    expect(got.data.constructor).toBe(whole.data.constructor);
    expect(Array.from(got.data)).toEqual(Array.from(whole.data));
  });

  // h5py's own values (expected.npz, written from the same arrays) for every dataset the block
  // reader reads, those jsfive cannot read too (compact storage)
  const numpy = fixture("hdf5/stream/expected.npz");
  const streamDatasets = fixtureNames("hdf5/stream").filter((f) => f.endsWith(".h5")).flatMap((f) => {
    const stem = f.replace(/\.h5$/, "");
    const prefix = `${stem}__`;
    return readNpzKeys(numpy, "expected.npz").filter((k) => k.startsWith(prefix)).map((k) => [f, k.slice(prefix.length).replaceAll("__", "/"), k] as const);
  });

  it.each(streamDatasets)("openTensorSource(stream/%s, key %s) gives h5py's values (layout version 4's chunk indexes too: latest.h5)", async (file, key, npzKey) => {
    const t = await openTensorSource(bytesSource(fixture(`hdf5/stream/${file}`)), file, { key });
    const want = readNpz(numpy, "expected.npz", npzKey);
    expect(t, "read in blocks").toBeDefined();
    expect(t!.shape).toEqual(want.shape);
    const got = await allRows(t!, 2);
    expect(Array.from(got)).toEqual(Array.from(want.data));
  });

  it("openTensorSource(layouts.h5, compact_f4) reads compact storage, which the whole reader refuses", async () => {
    const bytes = fixture("hdf5/stream/layouts.h5");
    expect(() => readTensor(bytes, { source: "layouts.h5", key: "compact_f4" })).toThrow(/Compact storage/);
    const t = (await openTensorSource(bytesSource(bytes), "layouts.h5", { key: "compact_f4" }))!;
    expect(t.shape).toEqual([6, 2]);
  });

  it.each([
    ["hdf5/dump.h5", undefined],
    ["hdf5/dump.h5", "layer1"],
    ["hdf5/dump.h5", "layer1/tanh"],
    ["hdf5/dump.h5", "ints/x"],
    ["hdf5/dump.h5", "/"],
    ["hdf5/bad/no-datasets.h5", undefined],
    ["hdf5/bad/no-datasets.h5", "x"],
    ["hdf5/stream/layouts.h5", "contiguous"],
  ])("openTensorSource(%s, key %s) throws the whole reader's error", async (path, key) => {
    const bytes = fixture(path);
    let want: Error | undefined;
    try {
      readTensor(bytes, { source: path, ...(key === undefined ? {} : { key }) });
    } catch (error) {
      want = error as Error;
    }
    expect(want).toBeInstanceOf(InputError);
    const opened = openTensorSource(bytesSource(bytes), path, key === undefined ? {} : { key });
    await expect(opened).rejects.toThrow(want!.message);
    await expect(opened).rejects.toMatchObject({ code: (want as InputError).code });
  });

  it.each(fixtureNames("hdf5/bad").filter((f) => f.endsWith(".h5")))("openTensorSource(bad/%s) gives an InputError or leaves the file to the whole reader", async (file) => {
    const keys: Record<string, string> = { "truncated.h5": "layer1/relu", "compact.h5": "acts" };
    const opened = openTensorSource(bytesSource(fixture(`hdf5/bad/${file}`)), file, keys[file] ? { key: keys[file] } : {});
    if (file === "compact.h5") expect((await opened)!.shape).toEqual([2, 3]);
    else if (file === "truncated.h5" || file === "no-datasets.h5") await expect(opened).rejects.toBeInstanceOf(InputError);
    else expect(await opened).toBeUndefined(); // strings, lzf, superblock 7: the whole reader's messages
  });

  it("openTensorSource(a file one buffer cannot hold, with a feature the block reader lacks) names the feature in one line", async () => {
    const real = bytesSource(fixture("hdf5/bad/lzf.h5"));
    const huge: ByteSource = { ...real, size: 2 ** 32 + 8 };
    const opened = openTensorSource(huge, "lzf.h5", { key: "acts" });
    await expect(opened).rejects.toThrow(/^lzf\.h5: dataset 'acts': the lzf filter is not read in blocks, and the file's 4294967304 bytes are past the \d+ one buffer holds \(expected .+\)$/);
    await expect(opened).rejects.toMatchObject({ code: "E_TOO_LARGE" });
  });

  it.each(["dense.h5", "dense-many.h5", "track-many.h5"])("openTensorSource(stream/%s) without a key lists the datasets of dense link storage as the whole reader does", async (file) => {
    const bytes = fixture(`hdf5/stream/${file}`);
    const want = (() => {
      try {
        readTensor(bytes, { source: file });
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    expect(want).toMatch(/datasets and no key/);
    await expect(openTensorSource(bytesSource(bytes), file)).rejects.toThrow(want);
  });

  it("readRows decodes each chunk once while blocks stay in its chunk row: one row per block reads each chunk once", async () => {
    const real = bytesSource(fixture("hdf5/stream/layouts.h5"));
    let reads = 0;
    const counted: ByteSource = { ...real, read: (offset, length) => (reads++, real.read(offset, length)) };
    const t = (await openTensorSource(counted, "layouts.h5", { key: "chunked/f4" }))!; // 37 x 5 in chunks of 4 x 2: 10 x 3 chunks
    reads = 0;
    await allRows(t, 1);
    expect(reads).toBe(30);
    await t.readRows(0, 1);
    expect(reads).toBe(33); // back to the first chunk row: its 3 chunks again
  });

  it("readRows(start, end) outside the rows is a RangeError", async () => {
    const t = (await openTensorSource(bytesSource(fixture("hdf5/stream/layouts.h5")), "layouts.h5", { key: "gzip/shuffle" }))!;
    await expect(t.readRows(0, 51)).rejects.toThrow(RangeError);
    await expect(t.readRows(2, 1)).rejects.toThrow(RangeError);
  });
});
