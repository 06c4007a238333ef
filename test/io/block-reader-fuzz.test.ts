import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { bytesSource } from "../../src/io/byte-source.js";
import { openTensorSource } from "../../src/io/tensor-source.js";
import { fixture } from "./fixture.js";
import { mutate, mutationOf } from "./mutate.js";

// The block readers (openTensorSource) on random and mutated bytes: a TensorSource whose blocks
// are well formed, undefined (left to the whole reader), or an InputError; never another error,
// never a hang (vitest's timeout), never a block of the wrong length.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const mutation = mutationOf("flip", "set", "truncate");

/** Opens and reads a few blocks (the first rows, then the last), checking each block's length. */
async function onlyInputErrors(bytes: Uint8Array, key: string | undefined): Promise<void> {
  try {
    const t = await openTensorSource(bytesSource(bytes), "f", key === undefined ? {} : { key });
    if (t === undefined) return;
    expect(t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)).toBe(true);
    const rows = t.shape.length === 0 ? 1 : t.shape[0]!;
    const perRow = t.shape.slice(1).reduce((a, b) => a * b, 1);
    for (const [start, end] of [[0, Math.min(rows, 1)], [Math.min(rows, 1), Math.min(rows, 4)], [Math.max(0, rows - 2), rows]] as const) {
      const block = await t.readRows(start, end);
      expect(block.length).toBe((end - start) * perRow);
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // names read from the file (a dataset, a storage key) are quoted as they are, as the whole
    // readers quote them: a mutated name may hold a line break
    expect(error.message).toMatch(/\(expected .+\)$/s);
  }
}

const bases: [string, (string | undefined)[]][] = [
  ["hdf5/stream/layouts.h5", ["chunked/f4", "gzip/shuffle", "fletcher/f8", "sparse/f4", "rank3/f4", "contiguous/f4", "compact_f4", "scalar/f8"]],
  ["hdf5/stream/dtypes.h5", ["a/b/f2", "a/b/f4be", "a/b/i8"]],
  ["hdf5/stream/many.h5", ["g/d07", undefined]],
  ["hdf5/stream/v108.h5", ["x/acts", "x/ch"]],
  ["hdf5/stream/latest.h5", ["a/b/acts", "a/ch", "a/one"]],
  ["hdf5/v4/v4.h5", ["fixed/f4", "fixed/gzip", "fixed/max", "paged/f4", "paged/gzip", "single/gzip", "implicit/f4", "unlimited/f4", "unlimited2/f4", "ea/second", "bt2/gzip"]],
  ["hdf5/stream/track-order.h5", ["a"]],
  ["hdf5/stream/dense.h5", ["g/d03", undefined]],
  ["hdf5/stream/track-many.h5", ["t10", undefined]],
  ["hdf5/stream/dense-many.h5", ["g/d150"]],
  ["hdf5/dump.h5", ["layer1/relu", undefined]],
  ["torch/stream/dict-legacy.pt", ["a", "b", "c"]],
  ["torch/stream/transposed-legacy.pt", [undefined]],
  ["torch/stream/transposed.pt", [undefined]],
  ["torch/stream/permuted.pt", [undefined]],
];

describe("openTensorSource(fuzzed HDF5 and PyTorch files)", () => {
  it("openTensorSource(the HDF5 signature, then random bytes) throws nothing but InputError", async () => {
    const head = fixture("hdf5/stream/layouts.h5").subarray(0, 8);
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (tail) => onlyInputErrors(Uint8Array.from([...head, ...tail]), undefined)), { numRuns: RUNS });
  });

  it("openTensorSource(a superblock, then random bytes) throws nothing but InputError", async () => {
    const head = fixture("hdf5/stream/layouts.h5").subarray(0, 96);
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (tail) => onlyInputErrors(Uint8Array.from([...head, ...tail]), undefined)), { numRuns: RUNS });
  });

  it.each(bases)("openTensorSource(mutated %s) throws nothing but InputError, or reads well-formed blocks", async (path, keys) => {
    const base = fixture(path);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.constantFrom(...keys), async (ms, key) => onlyInputErrors(mutate(base, ms, { truncateOneIn: 8 }), key)),
      { numRuns: RUNS },
    );
  }, 60_000);
});
