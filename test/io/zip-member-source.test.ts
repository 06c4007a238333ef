import { describe, expect, it } from "vitest";
import { zipSync } from "fflate";
import { bytesSource } from "../../src/io/byte-source.js";
import { writeNpy } from "../../src/io/npy/write-npy.js";
import { readTensor } from "../../src/io/read-tensor.js";
import { openTensorSource, type TensorSource } from "../../src/io/tensor-source.js";
import { readZipDirectory } from "../../src/io/zip/zip-directory.js";
import { readZipEntry } from "../../src/io/zip/zip-entry.js";
import { zipEntries, zipMemberSource } from "../../src/io/zip/zip-member-source.js";
import { npzKeys } from "../../src/io/zip/read-npz.js";
import { torchEntries } from "../../src/io/torch/read-torch.js";
import { fixture, fixtureNames } from "./fixture.js";

const bits = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");

async function allRows(t: TensorSource, rowsPerBlock: number): Promise<string> {
  const rows = t.shape.length === 0 ? 1 : t.shape[0]!;
  let out = "";
  for (let start = 0; start < rows || start === 0; start += rowsPerBlock) out += bits(await t.readRows(start, Math.min(rows, start + rowsPerBlock)));
  return out;
}

// an .npz of 300 x 7 float64 values, deflated (level 6) and stored
const values = Float64Array.from({ length: 300 * 7 }, (_, i) => Math.round(Math.sin(i * 0.37) * 1000) / 8);
const member = writeNpy({ shape: [300, 7], data: values });
const deflated = zipSync({ "acts.npy": [member, { level: 6 }] });
const stored = zipSync({ "acts.npy": [member, { level: 0 }] });

describe("openTensorSource(an .npz)", () => {
  const cases = fixtureNames("io/npz").flatMap((f) => npzKeys(fixture(`io/npz/${f}`), f).map((key) => [`io/npz/${f}`, key] as const));
  it.each(cases)("openTensorSource(%s, key %s) gives the whole-file reader's shape, dtype and bits, one row or three per block", async (path, key) => {
    const bytes = fixture(path);
    const whole = readTensor(bytes, { source: path, key });
    const t = (await openTensorSource(bytesSource(bytes), path, { key }))!;
    expect(t.shape).toEqual(whole.shape);
    expect(t.dtype).toBe(whole.dtype);
    for (const block of [1, 3]) expect(await allRows(t, block)).toBe(bits(whole.data));
  });

  it("openTensorSource(a Keras zip) is undefined: it is read whole", async () => {
    expect(await openTensorSource(bytesSource(fixture("hdf5/digits-mlp.keras")), "digits-mlp.keras")).toBeUndefined();
  });

  it.each([
    ["npz-corrupt-deflate.npz", undefined],
    ["npz-crc-mismatch.npz", "acts"],
    ["npz-truncated.npz", undefined],
    ["npz-two-arrays.npz", undefined],
    ["npz-two-arrays.npz", "nope"],
  ])("openTensorSource(bad/%s, key %s) and a pass over its rows throw the whole-file reader's error", async (file, key) => {
    const bytes = fixture(`bad/${file}`);
    const want = (() => {
      try {
        readTensor(bytes, { source: file, ...(key ? { key } : {}) });
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(want).toBeDefined();
    const pass = async () => allRows((await openTensorSource(bytesSource(bytes), file, key ? { key } : {}))!, 1);
    await expect(pass()).rejects.toThrow(want!);
  });

  it("openTensorSource(a deflated and a stored .npz) read by offset give the .npy's bits", async () => {
    for (const zip of [deflated, stored]) {
      const t = (await openTensorSource(bytesSource(zip), "acts.npz"))!;
      expect(t.shape).toEqual([300, 7]);
      expect(await allRows(t, 17)).toBe(bits(values));
    }
  });
});

describe("zipMemberSource(bytes, entry, source, chunk)", () => {
  it("zipEntries(bytes) reads the directory from the file's tail as readZipDirectory does from the whole file", async () => {
    for (const f of fixtureNames("io/npz")) {
      const bytes = fixture(`io/npz/${f}`);
      expect(await zipEntries(bytesSource(bytes), f)).toEqual(readZipDirectory(bytes, f));
    }
  });

  it("a deflated entry inflated 64 compressed bytes at a time: reads forward, back to the start and past the end give the entry's bytes", async () => {
    const [entry] = await zipEntries(bytesSource(deflated), "d.npz");
    const m = await zipMemberSource(bytesSource(deflated), entry!, "d.npz", { chunk: 64 });
    expect(m.size).toBe(member.length);
    const parts: Uint8Array[] = [];
    for (let at = 0; at < m.size; at += 1000) parts.push(await m.read(at, 1000));
    expect(bits(Buffer.concat(parts))).toBe(bits(member));
    expect(bits(await m.read(10, 50))).toBe(bits(member.subarray(10, 60))); // behind: inflated again from the start
    expect(bits(await m.read(m.size - 5, 100))).toBe(bits(member.subarray(m.size - 5)));
  });

  it("a pass over an entry whose CRC-32 differs from the directory's is E_CRC, stored or deflated, as readZipEntry says", async () => {
    for (const zip of [deflated, stored]) {
      const bad = zip.slice();
      const entries = readZipDirectory(bad, "x.npz");
      // the central directory's CRC field of the one entry: 16 bytes into its header
      const dir = bad.length - 22 - (46 + "acts.npy".length);
      new DataView(bad.buffer).setUint32(dir + 16, (entries[0]!.crc ^ 1) >>> 0, true);
      const [entry] = readZipDirectory(bad, "x.npz");
      const want = (() => {
        try {
          readZipEntry(bad, entry!, "x.npz");
        } catch (err) {
          return (err as Error).message;
        }
      })();
      expect(want).toMatch(/CRC-32 is/);
      const m = await zipMemberSource(bytesSource(bad), entry!, "x.npz", { chunk: 64 });
      const pass = async () => {
        for (let at = 0; at < m.size; at += 700) await m.read(at, 700);
      };
      await expect(pass()).rejects.toThrow(want!);
    }
  });
});

describe("openTensorSource(mutated bytes)", () => {
  it("a mutated .npz, .npy, .safetensors or PyTorch zip opened and read in blocks gives rows of the right length or one InputError, nothing else", async () => {
    const { default: fc } = await import("fast-check");
    const { ActvizError } = await import("../../src/errors.js");
    const bases = ["io/npz/stored.npz", "io/npz/compressed.npz", "io/npz/zip64-eocd.npz", "io/npy/f4-le-c.npy", "io/safetensors/single.safetensors", "torch/acts.pt"].map((p) => fixture(p));
    const mutated = fc.tuple(fc.nat(bases.length - 1), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 }), fc.boolean()), { minLength: 1, maxLength: 4 })).map(([b, flips]) => {
      let bytes = Uint8Array.from(bases[b]!);
      for (const [at, bit, cut] of flips) {
        if (cut) bytes = bytes.subarray(0, at % (bytes.length + 1));
        else if (bytes.length > 0) bytes[at % bytes.length]! ^= 1 << bit;
      }
      return bytes;
    });
    await fc.assert(
      fc.asyncProperty(mutated, async (bytes) => {
        try {
          const t = await openTensorSource(bytesSource(bytes), "f");
          if (!t) return;
          const rows = t.shape.length === 0 ? 1 : t.shape[0]!;
          const perRow = t.shape.slice(1).reduce((a, b) => a * b, 1);
          for (let start = 0; start < rows; start += 2) expect((await t.readRows(start, Math.min(rows, start + 2))).length).toBe(Math.min(2, rows - start) * perRow);
        } catch (error) {
          if (!(error instanceof ActvizError) || error.exitCode !== 2) throw error;
          expect(error.message).toMatch(/\(expected .+\)$/);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: 17 },
    );
  });
});

describe("openTensorSource(a PyTorch zip file)", () => {
  const files = ["torch/acts.pt", "torch/acts-dict.pt", "torch/tensors.pt", "torch/mlp.pth", "torch/checkpoint.pt", "torch/mlp-big-endian.pt", "torch/mlp-protocol4.pt", "torch/sequential.pt", "examples/digits-mlp.pth"];
  const cases = files.flatMap((path) => torchEntries(fixture(path), path).map((e) => [path, e.name] as const));

  it.each(cases)("openTensorSource(%s, key '%s') is undefined (a strided view, an empty tensor: read whole) or the whole-file reader's shape, dtype and bits, one row per block", async (path, key) => {
    const bytes = fixture(path);
    const options = key === "" ? {} : { key };
    const whole = readTensor(bytes, { source: path, ...options });
    const t = await openTensorSource(bytesSource(bytes), path, options);
    if (t === undefined) {
      // tensors.pt's views that are not row-major (torch: is_contiguous() False), by make_torch_fixtures.py
      expect(whole.data.length === 0 || (path === "torch/tensors.pt" && ["cols", "transposed", "strided"].includes(key)), `${path} ${key} left to the whole reader`).toBe(true);
      return;
    }
    expect(t.shape).toEqual(whole.shape);
    expect(t.dtype).toBe(whole.dtype);
    expect(await allRows(t, 1)).toBe(bits(whole.data));
  });

  it("openTensorSource(a PyTorch zip of several tensors, no key) is the whole reader's E_KEY", async () => {
    const bytes = fixture("torch/mlp.pth");
    await expect(openTensorSource(bytesSource(bytes), "mlp.pth")).rejects.toThrow("mlp.pth: 4 tensors and no key to choose one (expected a key, one of 'fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias')");
    expect(() => readTensor(bytes, { source: "mlp.pth" })).toThrow("mlp.pth: 4 tensors and no key to choose one");
  });

  it("openTensorSource(a checkpoint) streams its state dict's weights by dotted name, big-endian files included", async () => {
    for (const [path, key] of [["torch/checkpoint.pt", "model_state_dict.fc1.weight"], ["torch/mlp-big-endian.pt", "fc1.weight"], ["examples/digits-mlp.pth", "fc1.weight"]] as const) {
      expect(await openTensorSource(bytesSource(fixture(path)), path, { key }), `${path} ${key}`).toBeDefined();
    }
  });
});
