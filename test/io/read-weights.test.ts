import { describe, expect, it } from "vitest";
import { naturalCompare, readWeights, type WeightsInput } from "../../src/io/weights/read-weights.js";
import { B1, B2, W1, W2, flat, npy, npz, safetensors, smallModel, type NamedTensor } from "./model-files.js";
import { inputErrorMessage } from "./fixture.js";

const opts = { bias: true, layout: "out-in" as const };
const file = (bytes: Uint8Array): WeightsInput => ({ kind: "file", bytes });
const folder = (tensors: NamedTensor[]): WeightsInput => ({ kind: "folder", files: new Map(tensors.map((t) => [t.name, npy(t)])) });
const json = (doc: unknown): WeightsInput => file(new TextEncoder().encode(JSON.stringify(doc)));
const transpose = (m: number[][]) => m[0]!.map((_, j) => m.map((row) => row[j]!));

function expectSmallModel(layers: ReturnType<typeof readWeights>) {
  expect(layers.map((l) => [l.name, l.outputs, l.inputs])).toEqual([["fc1", 2, 3], ["fc2", 2, 2]]);
  expect(Array.from(layers[0]!.weight)).toEqual(flat(W1));
  expect(Array.from(layers[0]!.bias!)).toEqual(B1);
  expect(Array.from(layers[1]!.weight)).toEqual(flat(W2));
  expect(Array.from(layers[1]!.bias!)).toEqual(B2);
}


describe("readWeights(input, source, options)", () => {
  it.each(["F16", "BF16", "F32", "F64"] as const)("readWeights(safetensors %s) gives each layer's weight [out, in] and bias as float64", (dtype) => {
    expectSmallModel(readWeights(file(safetensors(smallModel(dtype))), "m.safetensors", opts));
  });

  it("readWeights(npz) reads the same layers", () => {
    expectSmallModel(readWeights(file(npz(smallModel())), "m.npz", opts));
  });

  it("readWeights(folder of .npy) reads the same layers", () => {
    expectSmallModel(readWeights(folder(smallModel()), "model", opts));
  });

  it("readWeights(JSON) reads the same layers, their activations and params, and ignores other keys", () => {
    const layers = readWeights(json({ epoch: 3, layers: [
      { name: "fc1", weight: W1, bias: B1, activation: "leaky_relu", params: { negative_slope: 0.2 } },
      { name: "fc2", weight: W2, bias: B2, activation: "none" },
    ] }), "m.json", opts);
    expectSmallModel(layers);
    expect(layers.map((l) => l.activation)).toEqual([{ name: "leaky_relu", params: { negative_slope: 0.2 } }, { name: "none", params: {} }]);
  });

  it("readWeights(..., {layout: 'in-out'}) transposes Keras's [in, out] weights to [out, in]", () => {
    const keras = smallModel().map((t) => (t.name.endsWith(".weight") ? { ...t, shape: [t.shape[1]!, t.shape[0]!], values: flat(transpose(t.name === "fc1.weight" ? W1 : W2)) } : t));
    expectSmallModel(readWeights(file(safetensors(keras)), "m.safetensors", { ...opts, layout: "in-out" }));
    expectSmallModel(readWeights(json({ layers: [{ name: "fc1", weight: transpose(W1), bias: B1 }, { name: "fc2", weight: transpose(W2), bias: B2 }] }), "k.json", { ...opts, layout: "in-out" }));
  });

  it("orders layers by natural sort of the prefixes: net.2 before net.10", () => {
    const t = (name: string, out: number, inp: number): NamedTensor[] => [
      { name: `${name}.weight`, shape: [out, inp], values: new Array(out * inp).fill(0.5) },
      { name: `${name}.bias`, shape: [out], values: new Array(out).fill(0) },
    ];
    const layers = readWeights(file(safetensors([...t("net.10", 2, 4), ...t("net.2", 4, 3), ...t("net.0", 3, 5)])), "m.safetensors", opts);
    expect(layers.map((l) => l.name)).toEqual(["net.0", "net.2", "net.10"]);
    expect(["layers.10", "layers.9", "layers.1"].sort(naturalCompare)).toEqual(["layers.1", "layers.9", "layers.10"]);
  });

  it("--layers gives the order explicitly, and names a missing layer", () => {
    const swapped = smallModel().map((t) => ({ ...t, name: t.name.replace("fc1", "b").replace("fc2", "a") }));
    expect(readWeights(file(safetensors(swapped)), "m.safetensors", { ...opts, layers: ["b", "a"] }).map((l) => l.name)).toEqual(["b", "a"]);
    expect(inputErrorMessage(() => readWeights(file(safetensors(smallModel())), "m.safetensors", { ...opts, layers: ["fc1", "fc3"] })))
      .toBe("m.safetensors: --layers: fc3.weight: not found (expected one of fc1.weight, fc2.weight)");
  });

  it("a missing bias is an error naming the tensor and the weight's shape, unless --no-bias", () => {
    const noBias = smallModel().filter((t) => t.name !== "fc2.bias");
    expect(inputErrorMessage(() => readWeights(file(safetensors(noBias)), "m.safetensors", opts)))
      .toBe("m.safetensors: fc2.bias: is missing (fc2.weight is 2x2, 2 outputs) (expected a bias of 2 values, or --no-bias for a model without biases)");
    const none = readWeights(file(safetensors(smallModel().filter((t) => t.name.endsWith(".weight")))), "m.safetensors", { ...opts, bias: false });
    expect(none.map((l) => l.bias)).toEqual([null, null]);
    expect(inputErrorMessage(() => readWeights(file(safetensors(smallModel())), "m.safetensors", { ...opts, bias: false }))).toMatch(/fc1\.bias: is present but --no-bias/);
  });

  it("layers that do not chain are an error naming both tensors and both numbers", () => {
    const bad = smallModel().map((t) => (t.name === "fc2.weight" ? { ...t, shape: [1, 4], values: [1, 2, 3, 4] } : t.name === "fc2.bias" ? { ...t, shape: [1], values: [0] } : t));
    expect(inputErrorMessage(() => readWeights(file(safetensors(bad)), "m.safetensors", opts)))
      .toBe("m.safetensors: fc2.weight is 1x4 (4 inputs) but fc1.weight is 2x3 (2 outputs): the layers do not chain (expected each layer's inputs to equal the previous layer's outputs (--layers to set the order))");
  });

  it("a bias of the wrong length, a weight that is not 2-D, an integer dtype: one line naming the tensor", () => {
    const bias = smallModel().map((t) => (t.name === "fc1.bias" ? { ...t, shape: [3], values: [1, 2, 3] } : t));
    expect(inputErrorMessage(() => readWeights(file(safetensors(bias)), "m.safetensors", opts))).toBe("m.safetensors: fc1.bias: has shape [3] but fc1.weight is 2x3 (2 outputs) (expected [2])");
    const rank = smallModel().map((t) => (t.name === "fc1.weight" ? { ...t, shape: [6] } : t));
    expect(inputErrorMessage(() => readWeights(file(safetensors(rank)), "m.safetensors", opts))).toBe("m.safetensors: fc1.weight: is 1-D, shape [6] (expected 2-D [outputs, inputs])");
    const ints = smallModel().map((t) => (t.name === "fc1.weight" ? { ...t, values: [1, 2, 3, 4, 5, 6], dtype: "I32" as const } : t));
    expect(inputErrorMessage(() => readWeights(file(safetensors(ints)), "m.safetensors", opts))).toBe("m.safetensors: fc1.weight: dtype <i4 is not supported for weights (expected f16, bf16, f32 or f64)");
  });

  it("JSON: a missing member, ragged rows and a file of no model are errors with a place", () => {
    expect(inputErrorMessage(() => readWeights(json({ weights: [] }), "m.json", opts))).toMatch(/^m\.json: layers: .*\(expected \{"layers"/);
    expect(inputErrorMessage(() => readWeights(json({ layers: [{ weight: [[1, 2], [3]], bias: [0, 0] }] }), "m.json", opts))).toBe("m.json: layers[0].weight[1]: has 1 value but row 0 has 2 (expected rows of equal length)");
    expect(inputErrorMessage(() => readWeights(json({ layers: [{ weight: [[1, 2]] }] }), "m.json", opts))).toMatch(/^m\.json: layers\[0\]\.bias: is missing/);
    expect(inputErrorMessage(() => readWeights(file(npy(smallModel()[0]!)), "w.npy", opts))).toMatch(/^w\.npy: npy data is not a model/);
    expect(inputErrorMessage(() => readWeights(file(safetensors([{ name: "x", shape: [1], values: [1] }])), "m.safetensors", opts))).toMatch(/no tensor named <layer>\.weight/);
  });

  it("JSON: NaN, Infinity and -Infinity as Python's json writes them are numbers, as in the binary formats", () => {
    const text = '{"layers": [{"weight": [[NaN, 1], [Infinity, -Infinity]], "bias": [0, NaN], "activation": "relu"}]}';
    const [l] = readWeights(file(new TextEncoder().encode(text)), "m.json", opts);
    expect(Array.from(l!.weight)).toEqual([NaN, 1, Infinity, -Infinity]);
    expect(Array.from(l!.bias!)).toEqual([0, NaN]);
  });

  it("JSON: bad syntax names its line:column, a string where a number goes its path", () => {
    const bad = '{"layers": [\n  {"weight": [[1, 2]], "bias": [0] oops}]}';
    expect(inputErrorMessage(() => readWeights(file(new TextEncoder().encode(bad)), "m.json", opts))).toBe("m.json: 2:36: found 'o' (expected ',' or '}')");
    expect(inputErrorMessage(() => readWeights(json({ layers: [{ weight: [[1, "2"]], bias: [0] }] }), "m.json", opts))).toMatch(/^m\.json: layers\[0\]\.weight\[0\]\[1\]: expected a number \(expected/);
  });
});
