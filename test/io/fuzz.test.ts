import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readHdf5 } from "../../src/io/hdf5/read-hdf5.js";
import { readDelimited } from "../../src/io/text/read-delimited.js";
import { readJsonMatrix } from "../../src/io/text/read-json-matrix.js";
import { describeOnnx } from "../../src/io/onnx/describe-onnx.js";
import { readLabels } from "../../src/io/text/read-labels.js";
import { readNpy } from "../../src/io/npy/read-npy.js";
import { npzKeys, readNpz } from "../../src/io/zip/read-npz.js";
import { readSafetensors, safetensorsEntries } from "../../src/io/weights/read-safetensors.js";
import { readTensor } from "../../src/io/read-tensor.js";
import { readWeights } from "../../src/io/weights/read-weights.js";
import { readWhitespace } from "../../src/io/text/read-whitespace.js";
import { describeWeights } from "../../src/io/weights/describe-weights.js";
import { sniffFormat } from "../../src/io/sniff.js";
import { flattenTensors } from "../../src/io/torch/flatten-tensors.js";
import { openTorch, readTorch } from "../../src/io/torch/read-torch.js";
import { storageFromPid, torchGlobals, type Fail } from "../../src/io/torch/torch-globals.js";
import { unpickle } from "../../src/io/torch/unpickle.js";
import type { Tensor } from "../../src/io/tensor.js";
import { fixture } from "./fixture.js";
import { mutate, mutationOf } from "./mutate.js";

/** Runs `read`; it may return a well-formed Tensor (or other value) or throw an InputError, nothing else. */
function onlyInputErrors(read: () => unknown): void {
  let result: unknown;
  try {
    result = read();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.message).toMatch(/\(expected .+\)$/);
    return;
  }
  if (result !== null && typeof result === "object" && "data" in result) checkTensor(result as Tensor);
}

function checkTensor(t: Tensor): void {
  expect(t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)).toBe(true);
  expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
  expect(t.data instanceof Float32Array || t.data instanceof Float64Array).toBe(true);
  if (t.columnNames !== undefined) expect(t.columnNames.length).toBe(t.shape[1]);
}

const mutation = mutationOf("flip", "insert", "delete", "truncate");

/** ~300 runs per parser keeps this file fast; FUZZ_RUNS=20000 for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const randomBytes = fc.uint8Array({ maxLength: 300 });
const mutationsOf = (path: string) => fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => mutate(fixture(path), ms));

const parsers: [string, string[], (bytes: Uint8Array) => unknown][] = [
  ["readNpy", ["io/npy/f4-le-c.npy", "io/npy/i8-be-f.npy", "io/npy/cube-f.npy", "io/npy/version-3.npy"], (b) => readNpy(b, "f.npy")],
  ["readNpz", ["io/npz/stored.npz", "io/npz/compressed.npz"], (b) => readNpz(b, "f.npz", "acts")],
  ["npzKeys", ["io/npz/compressed.npz"], (b) => npzKeys(b, "f.npz")],
  ["readSafetensors", ["io/safetensors/all.safetensors", "io/safetensors/single.safetensors"], (b) => readSafetensors(b, "f.st", "t.bf16")],
  ["safetensorsEntries", ["io/safetensors/all.safetensors"], (b) => safetensorsEntries(b, "f.st")],
  ["readJsonMatrix", ["io/text/object.json", "io/text/nonfinite.json"], (b) => readJsonMatrix(b, "f.json")],
  ["readDelimited(csv)", ["io/text/header.csv", "io/text/quoted-crlf.csv"], (b) => readDelimited(b, "f.csv", ",")],
  ["readDelimited(tsv)", ["io/text/no-header.tsv"], (b) => readDelimited(b, "f.tsv", "\t")],
  // HDF5 (jsfive behind open-hdf5.ts): the gzip-chunked, float16, nested-group dump; each dataset read
  ["readHdf5", ["hdf5/dump.h5"], (b) => ["layer1/relu", "layer2/half", "deep/a/b/c", "ints"].map((k) => {
    try {
      return readHdf5(b, "f.h5", k);
    } catch (error) {
      if (error instanceof InputError) return null;
      throw error;
    }
  })[0]],
  ["readHdf5(no key)", ["hdf5/dump.h5"], (b) => readHdf5(b, "f.h5")],
  ["readWhitespace", ["hdf5/savetxt-default.txt", "hdf5/spaces.dat"], (b) => readWhitespace(b, "f.txt")],
  ["sniffFormat", ["io/npy/f4-le-c.npy", "io/safetensors/single.safetensors", "hdf5/savetxt-header.txt"], (b) => sniffFormat(b)],
  ["readTensor", ["io/npz/single.npz", "io/text/matrix.json", "io/npy/f2-be-c.npy"], (b) => readTensor(b, { source: "-" })],
  ["readTorch", ["torch/mlp.pth", "torch/tensors-legacy.pt", "torch/mlp-legacy.pth"], (b) => readTorch(b, "f.pt", "fc1.weight")],
  ["openTorch", ["torch/checkpoint.pt", "torch/tensors-legacy.pt"], (b) => {
    const file = openTorch(b, "f.pt");
    for (const e of file.entries) checkTensor(file.read(e.name));
    return file.entries;
  }],
  // a torch zip's pickle alone: mutations inside a zip mostly stop at its CRC
  ["unpickle(data.pkl)", ["torch/checkpoint-data.pkl"], (b) => {
    const fail: Fail = (at, what, expected, code = "E_PICKLE") => new InputError(`p: byte ${at}: ${what} (expected ${expected})`, code);
    const { value } = unpickle(b, { source: "p", place: "", start: 0, globals: torchGlobals(fail), persistentLoad: (pid, at) => storageFromPid(pid, at, fail) });
    return [...flattenTensors(value, "p").keys()];
  }],
  // weights: a model file's bytes to ordered, chained layers (the JSON form is a 200 KB file: mutated, it mostly fails to parse)
  ["readLabels", ["examples/digits-labels.npy"], (b) => readLabels(b, "y")],
  ["readWeights", ["examples/digits-mlp.safetensors", "examples/digits-mlp.weights.json", "hdf5/digits-mlp-keras2.h5", "hdf5/digits-mlp.keras", "torch/checkpoint.pt", "torch/mlp-legacy.pth"], (b) => {
    // what it returns is well formed: every weight is outputs x inputs, and the layers chain
    const layers = readWeights({ kind: "file", bytes: b }, "m", { bias: true });
    layers.forEach((l, i) => {
      expect(l.weight.length).toBe(l.inputs * l.outputs);
      if (i > 0) expect(l.inputs).toBe(layers[i - 1]!.outputs);
    });
    return layers;
  }],
  // ONNX: the protobuf graph reader behind --weights model.onnx and `actviz layers`
  ["describeOnnx", ["io/onnx/tiny.onnx"], (b) => {
    // what it returns is well formed: names are text, activation outputs numbered 1, 2, ... in order
    const d = describeOnnx(b, "m.onnx");
    expect(d.tensors.every((t) => typeof t.name === "string" && typeof t.op === "string")).toBe(true);
    expect(d.tensors.filter((t) => t.layer !== null).map((t) => t.layer)).toEqual(d.tensors.filter((t) => t.layer !== null).map((_, i) => i + 1));
    return d;
  }],
  // `actviz layers`: a listing whose layers are either runnable (in -> out known) or carry the pass's error
  ["describeWeights", ["weights/mlp-bn.safetensors", "weights/mlp-extra.npz"], (b) => {
    const listing = describeWeights({ kind: "file", bytes: b }, "m", { bias: true, layout: "out-in" });
    for (const l of listing.layers) expect(l.problem === null ? l.inputs! * l.outputs! >= 1 : l.inputs === null).toBe(true);
    if (listing.layers.some((l) => l.problem !== null)) expect(listing.problem).not.toBeNull();
    return listing;
  }],
];

describe.each(parsers)("%s(fuzzed bytes)", (name, bases, read) => {
  it(`${name}(random bytes) throws nothing but InputError`, () => {
    fc.assert(fc.property(randomBytes, (bytes) => onlyInputErrors(() => read(bytes))), { numRuns: RUNS });
  });

  it.each(bases)(`${name}(mutated %s) throws nothing but InputError, or reads a well-formed Tensor`, (base) => {
    fc.assert(fc.property(mutationsOf(base), (bytes) => onlyInputErrors(() => read(bytes))), { numRuns: RUNS });
  });
});

describe("readHdf5(the HDF5 signature, then random bytes)", () => {
  // random bytes alone never reach jsfive: give them the signature, or the whole superblock
  const superblock = fixture("hdf5/dump.h5").subarray(0, 96);
  const after = (head: Uint8Array) => randomBytes.map((tail) => Uint8Array.from([...head, ...tail]));

  it("readHdf5(signature + random bytes) throws nothing but InputError", () => {
    fc.assert(fc.property(after(superblock.subarray(0, 8)), (bytes) => onlyInputErrors(() => readHdf5(bytes, "f.h5"))), { numRuns: RUNS });
  });

  it("readHdf5(superblock + random bytes) throws nothing but InputError", () => {
    fc.assert(fc.property(after(superblock), (bytes) => onlyInputErrors(() => readHdf5(bytes, "f.h5"))), { numRuns: RUNS });
  });
});

describe("readLabels(fuzzed text and JSON)", () => {
  const bases = ["label\n3\n1\n4\n", 'cat\n"a, ""b"""\ndog\n', "[1, 0, 2, 9]", '["x", "y"]'].map((t) => new TextEncoder().encode(t));
  it.each(bases.map((b, i) => [i, b] as const))("readLabels(mutated base %i) throws nothing but InputError, or reads one label per entry", (_i, base) => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => mutate(base, ms)), (bytes) =>
        onlyInputErrors(() => {
          const list = readLabels(bytes, "y");
          expect(list.values.length).toBeGreaterThan(0);
          for (const v of list.values) expect(list.kind === "integer" ? Number.isSafeInteger(v) : typeof v === "string").toBe(true);
          return list;
        }),
      ),
      { numRuns: RUNS },
    );
  });
});
