import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readDelimited } from "../../src/io/read-delimited.js";
import { readJsonMatrix } from "../../src/io/read-json-matrix.js";
import { readLabels } from "../../src/io/read-labels.js";
import { readNpy } from "../../src/io/read-npy.js";
import { npzKeys, readNpz } from "../../src/io/read-npz.js";
import { readSafetensors, safetensorsEntries } from "../../src/io/read-safetensors.js";
import { readTensor } from "../../src/io/read-tensor.js";
import { readWeights } from "../../src/io/read-weights.js";
import { sniffFormat } from "../../src/io/sniff.js";
import type { Tensor } from "../../src/io/tensor.js";
import { fixture } from "./fixture.js";

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

type Mutation = { op: "flip"; at: number; bit: number } | { op: "insert"; at: number; byte: number } | { op: "delete"; at: number } | { op: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
);

function mutate(base: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Array.from(base);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.op === "flip" && bytes.length > 0) bytes[at]! ^= 1 << m.bit;
    if (m.op === "insert") bytes.splice(at, 0, m.byte);
    if (m.op === "delete") bytes.splice(at, 1);
    if (m.op === "truncate") bytes = bytes.slice(0, at);
  }
  return Uint8Array.from(bytes);
}

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
  ["sniffFormat", ["io/npy/f4-le-c.npy", "io/safetensors/single.safetensors"], (b) => sniffFormat(b)],
  ["readTensor", ["io/npz/single.npz", "io/text/matrix.json", "io/npy/f2-be-c.npy"], (b) => readTensor(b, { source: "-" })],
  // weights: a model file's bytes to ordered, chained layers (the JSON form is a 200 KB file: mutated, it mostly fails to parse)
  ["readLabels", ["examples/digits-labels.npy"], (b) => readLabels(b, "y")],
  ["readWeights", ["examples/digits-mlp.safetensors", "examples/digits-mlp.weights.json"], (b) => {
    // what it returns is well formed: every weight is outputs x inputs, and the layers chain
    const layers = readWeights({ kind: "file", bytes: b }, "m", { bias: true, layout: "out-in" });
    layers.forEach((l, i) => {
      expect(l.weight.length).toBe(l.inputs * l.outputs);
      if (i > 0) expect(l.inputs).toBe(layers[i - 1]!.outputs);
    });
    return layers;
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
