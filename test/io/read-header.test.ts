import { open, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readTensorHeader } from "../../src/io/read-header.js";
import { readTensor } from "../../src/io/read-tensor.js";
import { tempDir } from "../temp-dir.js";
import { FIXTURES, fixture, fixtureNames } from "./fixture.js";

let dir: string;
tempDir("actviz-header-", (d) => (dir = d));

/** The message of what `promise` rejects with, or undefined when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
}

/** The message readTensor throws on the whole file, or undefined when it reads it. */
function fullReadMessage(name: string, key?: string): string | undefined {
  try {
    readTensor(fixture(`bad/${name}`), { source: name, ...(key ? { key } : {}) });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

// the full read fails these past the header (a dtype it does not decode, a tensor to choose)
const PAST_THE_HEADER = new Set(["safetensors-dtype.safetensors", "safetensors-two-tensors.safetensors"]);

describe("readTensorHeader(path, options)", () => {
  const bad = fixtureNames("bad").filter((f) => /^(npy|safetensors|empty)/.test(f));
  for (const name of bad) {
    it(`readTensorHeader(bad/${name}) ${PAST_THE_HEADER.has(name) ? "passes, as the header is whole" : "rejects with the full read's very message"}`, async () => {
      const message = await rejection(readTensorHeader(join(FIXTURES, "bad", name), { source: name }));
      expect(message).toBe(PAST_THE_HEADER.has(name) ? undefined : fullReadMessage(name));
    });
  }

  it("readTensorHeader(x.npy) gives the shape the full read gives", async () => {
    const path = join(FIXTURES, "examples/digits-conv1.npy");
    const header = await readTensorHeader(path, { source: "digits-conv1.npy" });
    expect(header).toEqual({ format: "npy", shape: readTensor(fixture("examples/digits-conv1.npy"), { source: "x" }).shape });
  });

  it("readTensorHeader(x.safetensors, {key}) gives the chosen tensor's shape; no shape when the key picks none", async () => {
    const path = join(FIXTURES, "examples/digits-mlp.safetensors");
    expect(await readTensorHeader(path, { source: "m", key: "fc1.weight" })).toEqual({ format: "safetensors", shape: [128, 64] });
    expect(await readTensorHeader(path, { source: "m" })).toEqual({ format: "safetensors" });
    expect(await readTensorHeader(path, { source: "m", formats: ["npy"] })).toBeUndefined();
  });

  it("readTensorHeader(a CSV, an npz, a file read as --input-format csv) is undefined: left to the full read", async () => {
    expect(await readTensorHeader(join(FIXTURES, "bad/csv-ragged.csv"), { source: "c" })).toBeUndefined();
    expect(await readTensorHeader(join(FIXTURES, "bad/npz-corrupt-deflate.npz"), { source: "z" })).toBeUndefined();
    expect(await readTensorHeader(join(FIXTURES, "bad/npy-truncated.npy"), { source: "t", format: "csv" })).toBeUndefined();
  });

  it("readTensorHeader(a header longer than the first read) reads the rest of the header", async () => {
    const path = join(dir, "long.npy");
    const bytes = Buffer.concat([npyHeader([2, 3], 10000), new Uint8Array(2 * 3 * 4)]);
    await writeFile(path, bytes);
    expect(readTensor(new Uint8Array(bytes), { source: "long.npy" }).shape).toEqual([2, 3]);
    expect(await readTensorHeader(path, { source: "long.npy" })).toEqual({ format: "npy", shape: [2, 3] });
  });

  it("readTensorHeader(a header length past the end of a file larger than the first read) names the file's size, as the full read does", async () => {
    const path = join(dir, "long-length.npy");
    const bytes = new Uint8Array(Buffer.concat([npyHeader([2, 3], 128), new Uint8Array(6000)]));
    new DataView(bytes.buffer).setUint32(8, 1e9, true);
    await writeFile(path, bytes);
    const message = await rejection(readTensorHeader(path, { source: "long-length.npy" }));
    expect(message).toBe("long-length.npy: byte 8: header length 1000000000 runs past the end of the 6128-byte file (expected at most 6116)");
    expect(() => readTensor(bytes, { source: "long-length.npy" })).toThrow(message);
  });

  it("readTensorHeader(a .safetensors whose header would be 200 MB) leaves it to the full read rather than read it", async () => {
    const path = join(dir, "huge-header.safetensors");
    const start = new Uint8Array(16);
    new DataView(start.buffer).setUint32(0, 200_000_000, true);
    start[8] = 0x7b; // '{'
    const handle = await open(path, "w");
    try {
      await handle.write(start, 0, start.length, 0);
      await handle.truncate(300_000_000); // sparse
    } finally {
      await handle.close();
    }
    expect(await readTensorHeader(path, { source: "huge-header.safetensors" })).toBeUndefined();
  });

  it("readTensorHeader(a 3 GiB .npy) checks its header and size without reading its data (more than one buffer holds)", async () => {
    const path = join(dir, "huge.npy");
    const rows = (3 * 2 ** 30) / 4 / 8; // 3 GiB of <f4 in 8 columns
    const header = npyHeader([rows, 8], 128);
    const handle = await open(path, "w");
    try {
      await handle.write(header, 0, header.length, 0);
      await handle.truncate(header.length + rows * 8 * 4); // a sparse file: no disk space
    } finally {
      await handle.close();
    }
    expect(await readTensorHeader(path, { source: "huge.npy" })).toEqual({ format: "npy", shape: [rows, 8] });
    await truncate(path, header.length + rows * 8 * 4 - 1);
    expect(await rejection(readTensorHeader(path, { source: "huge.npy" }))).toBe(`huge.npy: byte 128: shape (${rows}, 8) of '<f4' needs 3221225472 data bytes but the file has 3221225471 (expected 3221225472 bytes after the header)`);
  });
});

/** The header of a version 2.0 .npy file of '<f4' and `shape`, padded to `length` bytes. */
function npyHeader(shape: number[], length: number): Uint8Array {
  const text = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(", ")}), }`.padEnd(length - 12 - 1, " ") + "\n";
  const out = new Uint8Array(12 + text.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0]);
  new DataView(out.buffer).setUint32(8, text.length, true);
  out.set(new TextEncoder().encode(text), 12);
  return out;
}
