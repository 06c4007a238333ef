import { describe, expect, it } from "vitest";
import { InputError, UsageError } from "../../src/errors.js";
import { openHdf5 } from "../../src/io/hdf5/open-hdf5.js";
import { hdf5DatasetPaths, readHdf5 } from "../../src/io/hdf5/read-hdf5.js";
import { readNpz } from "../../src/io/zip/read-npz.js";
import { readTensor } from "../../src/io/read-tensor.js";
import { sniffFormat } from "../../src/io/sniff.js";
import { readFileSync } from "node:fs";
import { FIXTURES, fixture, fixtureNames } from "./fixture.js";

// dump.h5 and dump-expected.npz were written by h5py and numpy from the same arrays
// (fixtures/hdf5/make_hdf5_fixtures.py); the npz keys spell "/" as "__".
const dump = fixture("hdf5/dump.h5");
const expected = fixture("hdf5/dump-expected.npz");
const numpy = (path: string) => readNpz(expected, "dump-expected.npz", path.replaceAll("/", "__"));

/** The InputError `fn` throws. */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error("did not throw");
}

describe("readHdf5(bytes, source, key)", () => {
  it.each([
    ["layer1/relu", "<f4", Float32Array],
    ["layer2/half", "<f2", Float32Array],
    ["deep/a/b/c", ">f8", Float64Array],
    ["ints", "<i4", Float64Array],
  ])("readHdf5(dump.h5, %s) equals what h5py wrote: dtype %s, the same shape and values", (path, dtype, kind) => {
    const t = readHdf5(dump, "dump.h5", path);
    const n = numpy(path);
    expect(t.dtype).toBe(dtype);
    expect(t.data).toBeInstanceOf(kind);
    expect(t.shape).toEqual(n.shape);
    expect(Array.from(t.data)).toEqual(Array.from(n.data));
  });

  it("readHdf5(dump.h5, layer2/half) reads float16 exactly: ±Infinity, the smallest subnormal and 65504", () => {
    const t = readHdf5(dump, "dump.h5", "layer2/half");
    expect(Array.from(t.data.subarray(0, 4))).toEqual([Infinity, -Infinity, 2 ** -24, 65504]);
  });

  it("readHdf5(dump.h5, /layer1/relu) takes a leading slash", () => {
    expect(readHdf5(dump, "dump.h5", "/layer1/relu").shape).toEqual([40, 16]);
  });

  it("readHdf5(dump.h5) without a key lists the dataset paths, nested groups included", () => {
    const e = inputError(() => readHdf5(dump, "dump.h5"));
    expect(e.code).toBe("E_KEY");
    expect(e.message).toBe("dump.h5: 4 datasets and no key to choose one (expected a key, one of 'deep/a/b/c', 'ints', 'layer1/relu', 'layer2/half')");
  });

  it("readHdf5(dump.h5, a group or a missing path) is E_KEY naming it and listing the datasets", () => {
    expect(inputError(() => readHdf5(dump, "dump.h5", "layer1")).message).toMatch(/^dump\.h5: dataset 'layer1': is a group, not a dataset \(expected one of 'deep\/a\/b\/c', /);
    expect(inputError(() => readHdf5(dump, "dump.h5", "layer1/tanh")).message).toMatch(/^dump\.h5: dataset 'layer1\/tanh': not found \(expected one of /);
  });

  it("readHdf5(a file of one dataset) takes it without a key", () => {
    const one = fixture("hdf5/bad/strings.h5");
    expect(hdf5DatasetPaths(openHdf5(one, "s.h5"), "s.h5")).toEqual(["names"]);
  });

  it("openHdf5(dump.h5) reads attributes of the root and of groups", () => {
    const root = openHdf5(dump, "dump.h5");
    expect(root.attrs()).toEqual({ description: "activations of a small net" });
    const layer1 = root.get("layer1");
    expect(layer1?.kind).toBe("group");
    expect(layer1!.attrs()).toEqual({ units: 16 });
    expect(root.get("nope")).toBeUndefined();
  });

  it("openHdf5(dump.h5): jsfive's private API still gives contiguous datasets' data offsets (the fast path), none for chunked data", () => {
    // if jsfive changes, this fails loudly (reading would fall back to jsfive's 100x slower value)
    const root = openHdf5(dump, "dump.h5");
    const ints = root.get("ints");
    const relu = root.get("layer1/relu");
    expect(ints?.kind === "dataset" && ints.dataOffset).toBeGreaterThan(0);
    expect(relu?.kind === "dataset" && relu.dataOffset).toBeUndefined();
    const at = (ints as { dataOffset: number }).dataOffset;
    const view = new DataView(dump.buffer, dump.byteOffset + at, 12 * 4);
    expect(Array.from({ length: 12 }, (_, i) => view.getInt32(i * 4, true))).toEqual(Array.from(numpy("ints").data));
  });

  it("readHdf5(bytes) does not mutate the input bytes", () => {
    const copy = Uint8Array.from(dump);
    readHdf5(copy, "dump.h5", "layer1/relu");
    expect(copy).toEqual(dump);
  });

  it("readHdf5(a view into a larger buffer) reads the view's bytes only", () => {
    const padded = new Uint8Array(dump.length + 20);
    padded.set(dump, 10);
    expect(readHdf5(padded.subarray(10, 10 + dump.length), "dump.h5", "ints").shape).toEqual([3, 4]);
  });
});

describe("readTensor and sniffFormat on HDF5", () => {
  it("sniffFormat(dump.h5 bytes, any name) is h5 by the \\x89HDF magic", () => {
    expect(sniffFormat(dump)).toBe("h5");
    expect(sniffFormat(dump, "acts.csv")).toBe("h5");
  });

  it("readTensor(dump.h5, {key}) reads the dataset, from stdin too", () => {
    expect(readTensor(dump, { source: "-", key: "layer1/relu" }).shape).toEqual([40, 16]);
    expect(readTensor(dump, { source: "d.bin", format: "h5", key: "ints" }).shape).toEqual([3, 4]);
  });

  it("readTensor(text, {key}) is a UsageError: whitespace text holds one array", () => {
    expect(() => readTensor(fixture("hdf5/savetxt-default.txt"), { source: "a.txt", key: "x" })).toThrow(UsageError);
  });
});

/** fixtures/hdf5/bad: each file's code and exact message. */
const BAD: [string, string | undefined, string, string][] = [
  ["truncated.h5", "layer1/relu", "E_HDF5", "truncated.h5: superblock: cannot be read: it points past the end of the 1500-byte file (truncated or corrupt) (expected an intact HDF5 file as h5py writes it (contiguous or chunked storage, gzip/shuffle filters))"],
  ["superblock.h5", undefined, "E_HDF5", "superblock.h5: superblock: cannot be read (unsupported superblock version: 7) (expected an intact HDF5 file as h5py writes it (contiguous or chunked storage, gzip/shuffle filters))"],
  ["strings.h5", undefined, "E_DTYPE", "strings.h5: dataset 'names': dtype S2 is not supported (expected a numeric dataset: f2, f4, f8, i1-i8 or u1-u8)"],
  ["lzf.h5", undefined, "E_HDF5", "lzf.h5: dataset 'acts': cannot be read (NotImplementedError(\"Filter with id:32000 not supported\")) (expected an intact HDF5 file as h5py writes it (contiguous or chunked storage, gzip/shuffle filters))"],
  ["compact.h5", "acts", "E_HDF5", "compact.h5: dataset 'acts': cannot be read (Compact storage of DataObject not implemented) (expected an intact HDF5 file as h5py writes it (contiguous or chunked storage, gzip/shuffle filters))"],
  ["no-datasets.h5", undefined, "E_EMPTY", "no-datasets.h5: no datasets (expected at least one dataset)"],
  ["ragged.txt", undefined, "E_SHAPE", "ragged.txt: row 2, column 3: row ends after 2 values (expected 3 values, like the first row)"],
  ["not-a-number.txt", undefined, "E_PARSE", "not-a-number.txt: row 2, column 2: \"x4\" is not a number (expected a number, nan, inf or -inf)"],
];

describe("readTensor(fixtures/hdf5/bad/*)", () => {
  it.each(BAD)("readTensor(%s, key %s) throws InputError %s naming the place and the expectation", (file, key, code, message) => {
    const e = inputError(() => readTensor(fixture(`hdf5/bad/${file}`), { source: file, ...(key ? { key } : {}) }));
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
  });

  it("every file in fixtures/hdf5/bad has a case here and a row in fixtures/hdf5/README.md", () => {
    const readme = readFileSync(`${FIXTURES}hdf5/README.md`, "utf8");
    for (const name of fixtureNames("hdf5/bad")) {
      expect(BAD.map((c) => c[0])).toContain(name);
      expect(readme).toContain(`| \`${name}\` |`);
    }
  });
});

describe("readHdf5 on a mutated dump (found by test/io/fuzz.test.ts)", () => {
  it("dump.h5 with bytes 176 and 706 changed lists a dataset its lookup by path misses: an E_HDF5 InputError, not a TypeError", () => {
    const bytes = new Uint8Array(fixture("hdf5/dump.h5"));
    bytes[176] = 17;
    bytes[706] = 1;
    let error: unknown;
    try {
      readHdf5(bytes, "f.h5");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe("E_HDF5");
  });
});
