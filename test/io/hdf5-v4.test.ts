import { describe, expect, it } from "vitest";
import { bytesSource, type ByteSource } from "../../src/io/byte-source.js";
import { readTensor, readTensorAsync } from "../../src/io/read-tensor.js";
import { openTensorSource } from "../../src/io/tensor-source.js";
import { npzKeys, readNpz } from "../../src/io/zip/read-npz.js";
import { InputError } from "../../src/errors.js";
import { allRows } from "./blocks.js";
import { fixture } from "./fixture.js";

// Layout version 4's chunk indexes (libver='latest'): single chunk, implicit, fixed array (paged
// too), extensible array (paged data blocks too, an unlimited dimension first or not) and version 2
// B-tree, read by the block reader and checked against h5py's values (fixtures/hdf5/v4, made by
// fixtures/hdf5/make_hdf5_v4_fixtures.py).
const file = fixture("hdf5/v4/v4.h5");
const numpy = fixture("hdf5/v4/expected.npz");
const read = npzKeys(numpy, "expected.npz").map((k) => [k.replaceAll("__", "/"), k] as const);

describe("HDF5 layout version 4 chunk indexes (libver='latest')", () => {
  it("the fixture holds every index of layout version 4", () => {
    expect(read.map(([key]) => key).sort()).toEqual([
      "bt2/gzip", "bt2/many", "ea/many", "ea/paged", "ea/second", "fixed/f4", "fixed/gzip", "fixed/max", "fixed/sparse", "implicit/f4", "paged/f4", "paged/gzip", "rank3/f4", "single/f4", "single/gzip", "unlimited/f4", "unlimited2/f4",
    ]);
  });

  it.each(read)("%s: h5py's values, in blocks of 1, 3 and 7 rows", async (key, npzKey) => {
    const want = readNpz(numpy, "expected.npz", npzKey);
    const t = await openTensorSource(bytesSource(file), "v4.h5", { key });
    expect(t, "read in blocks").toBeDefined();
    expect(t!.shape).toEqual(want.shape);
    for (const rows of [1, 3, 7]) expect(Array.from(await allRows(t!, rows)), `${rows} rows a block`).toEqual(Array.from(want.data));
  });

  it.each(read)("readTensorAsync (a file read whole, as neurons reads a small one) gives h5py's %s, from a Buffer at an odd offset too, where jsfive alone fails", async (key, npzKey) => {
    const want = readNpz(numpy, "expected.npz", npzKey);
    // a Buffer view at byte 1 of a bigger one: a Buffer's slice() is a view there, never aligned
    const odd = Buffer.concat([Buffer.alloc(1), Buffer.from(file)]).subarray(1);
    expect(odd.byteOffset % 4).not.toBe(0);
    for (const bytes of [file, odd]) {
      const t = await readTensorAsync(bytes, { source: "v4.h5", key });
      expect(t.shape).toEqual(want.shape);
      expect(Array.from(t.data)).toEqual(Array.from(want.data));
      expect(t.dtype).toBe(want.dtype);
    }
    // which the whole reader (jsfive) on its own cannot read
    expect(() => readTensor(file, { source: "v4.h5", key })).toThrow(/: cannot be read \(/);
  });

  it("readTensorAsync keeps the whole reader's E_KEY for a dataset that is not there", async () => {
    await expect(readTensorAsync(file, { source: "v4.h5", key: "nope" })).rejects.toMatchObject({ code: "E_KEY" });
  });

  it("readTensorAsync keeps the whole reader's own words where they say more (a string dataset's E_DTYPE) and names the lzf filter where it only failed", async () => {
    const strings = fixture("hdf5/bad/strings.h5");
    await expect(readTensorAsync(strings, { source: "strings.h5" })).rejects.toMatchObject({ code: "E_DTYPE" });
    const lzf = fixture("hdf5/bad/lzf.h5");
    await expect(readTensorAsync(lzf, { source: "lzf.h5" })).rejects.toThrow(/^lzf\.h5: dataset 'acts': the lzf filter is not read \(expected .+\)$/);
  });

  it("a file too big for the whole reader is read in blocks too (it never needs the whole reader)", async () => {
    const real = bytesSource(file);
    const huge: ByteSource = { ...real, size: 2 ** 32 + 8 };
    const t = await openTensorSource(huge, "v4.h5", { key: "paged/gzip" });
    expect(t!.shape).toEqual([1100, 2]);
  });

  it("every byte of the indexes' headers and blocks (fixed and extensible arrays, B-trees) changed in turn: an InputError in one line, or blocks of the right length (no other error, no hang)", async () => {
    const bytes = new Uint8Array(file);
    const text = Buffer.from(bytes).toString("latin1");
    // the first two structures of each kind (those of the first datasets written: small ones)
    const marks = ["FAHD", "FADB", "EAHD", "EAIB", "EASB", "EADB", "BTHD", "BTIN", "BTLF"].flatMap((sig) => [...text.matchAll(new RegExp(sig, "g"))].slice(0, 2).map((m) => m.index!));
    expect(marks.length).toBeGreaterThanOrEqual(16);
    let errors = 0;
    for (const start of marks) {
      for (let i = start; i < Math.min(bytes.length, start + 40); i++) {
        const bad = bytes.slice();
        bad[i] = bad[i]! ^ 0x5a;
        for (const key of ["fixed/f4", "fixed/gzip", "fixed/max", "paged/f4", "unlimited/f4", "unlimited2/f4", "ea/second", "bt2/gzip", "bt2/many"]) {
          try {
            const t = await openTensorSource(bytesSource(bad), "v4.h5", { key });
            if (!t) continue;
            const perRow = t.shape.slice(1).reduce((a, b) => a * b, 1);
            expect((await allRows(t, 64)).length).toBe(t.shape[0]! * perRow);
          } catch (err) {
            if (!(err instanceof InputError)) throw new Error(`byte ${i}, ${key}: ${String(err)}`);
            expect(err.message).not.toContain("\n");
            errors++;
          }
        }
      }
    }
    expect(errors).toBeGreaterThan(100);
  });
});
