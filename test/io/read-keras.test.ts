import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { kerasConfigLayers, kerasSteps } from "../../src/io/hdf5/keras-config.js";
import { readWeights, type WeightLayer } from "../../src/io/weights/read-weights.js";
import { readZipDirectory } from "../../src/io/zip/zip-directory.js";
import { readZipEntry } from "../../src/io/zip/zip-entry.js";
import { fixture, inputErrorMessage } from "./fixture.js";

// The Keras files hold the digits MLP of fixtures/examples (digits-mlp.safetensors, PyTorch
// [out, in] float32) in Keras's layouts, written by h5py (fixtures/hdf5/make_hdf5_fixtures.py).
const H = "hdf5/";
const torch = readWeights({ kind: "file", bytes: fixture("examples/digits-mlp.safetensors") }, "digits-mlp.safetensors", { bias: true });
const keras = (file: string, o: Partial<Parameters<typeof readWeights>[2]> = {}) =>
  readWeights({ kind: "file", bytes: fixture(`${H}${file}`) }, file, { bias: true, ...o });


function expectDigits(layers: WeightLayer[]) {
  expect(layers.map((l) => [l.name, l.inputs, l.outputs])).toEqual([["dense", 64, 128], ["dense_1", 128, 10]]);
  layers.forEach((l, i) => {
    // the [in, out] kernel transposed is PyTorch's [out, in] weight, value for value
    expect(l.weight).toEqual(torch[i]!.weight);
    expect(l.bias).toEqual(torch[i]!.bias);
  });
}

describe("readWeights(Keras files)", () => {
  it("readWeights(Keras 2 model.save .h5) gives the digits MLP's layers, kernels [in, out], activations from model_config", () => {
    const layers = keras("digits-mlp-keras2.h5");
    expectDigits(layers);
    expect(layers[0]!.weightLabel).toBe("dense/kernel:0 is 64x128 [in, out]");
    // Dense(128, relu), Dense(10, softmax): the output layer gives logits (--softmax for probabilities)
    expect(layers.map((l) => l.activation)).toEqual([{ name: "relu", params: {} }, { name: "none", params: {} }]);
  });

  it("readWeights(Keras 3 .keras) folds the Activation layer into the Dense before it and skips Dropout", () => {
    const layers = keras("digits-mlp.keras");
    expectDigits(layers);
    expect(layers[0]!.weightLabel).toBe("layers/dense/vars/0 is 64x128 [in, out]");
    expect(layers.map((l) => l.activation?.name)).toEqual(["relu", "none"]);
  });

  it("readWeights(Keras 2 save_weights .h5) orders layers by layer_names, skips the weightless Dropout, names no activation", () => {
    const layers = keras("digits-mlp-keras2-weights.h5");
    expectDigits(layers);
    expect(layers.every((l) => l.activation === undefined)).toBe(true);
  });

  it("readWeights(a Keras 3 .weights.h5, no config) orders layers/<name> naturally and names no activation", () => {
    const zip = fixture(`${H}digits-mlp.keras`);
    const entry = readZipDirectory(zip, "k").find((e) => e.name === "model.weights.h5")!;
    const layers = readWeights({ kind: "file", bytes: readZipEntry(zip, entry, "k") }, "model.weights.h5", { bias: true });
    expectDigits(layers);
    expect(layers.every((l) => l.activation === undefined)).toBe(true);
  });

  it("readWeights(Keras, layout in-out) is accepted; out-in is E_USAGE (Keras kernels are [in, out])", () => {
    expectDigits(keras("digits-mlp.keras", { layout: "in-out" }));
    expect(inputErrorMessage(() => keras("digits-mlp.keras", { layout: "out-in" }))).toBe(
      "digits-mlp.keras: --weight-layout: out-in given for a Keras model, whose kernels are [in, out] (expected no --weight-layout, or in-out)");
  });

  it("readWeights(Keras, layers) picks the named Dense layers; an unknown name lists the Dense layers", () => {
    expect(keras("digits-mlp-keras2.h5", { layers: ["dense"] }).map((l) => l.name)).toEqual(["dense"]);
    expect(inputErrorMessage(() => keras("digits-mlp-keras2.h5", { layers: ["fc1"] }))).toBe("digits-mlp-keras2.h5: --layers: fc1: not found (expected one of dense, dense_1)");
  });

  it("readWeights(Keras, no bias) with biases present is E_BIAS", () => {
    expect(inputErrorMessage(() => keras("digits-mlp-keras2.h5", { bias: false }))).toMatch(/^digits-mlp-keras2\.h5: dense\/bias:0: is present but --no-bias/);
  });

  it("readWeights(a Keras model with a Conv2D) is E_KERAS naming the layer and its kernel, and pointing to ONNX", () => {
    expect(inputErrorMessage(() => keras("conv-keras2.h5"))).toBe(
      "conv-keras2.h5: layer 'conv2d': is Conv2D (kernel [3, 3, 1, 4]), which the dense path cannot run (expected a model of Dense layers (and Activation, Dropout, Flatten); for other models export ONNX, e.g. with tf2onnx)");
  });

  it("readWeights(a Keras model with a BatchNormalization) is E_KERAS naming the layer and its weights", () => {
    expect(inputErrorMessage(() => keras("batchnorm.keras"))).toBe(
      "batchnorm.keras: layer 'batch_normalization': is BatchNormalization (weights [128], [128], [128], [128]), which the dense path cannot run (expected a model of Dense layers (and Activation, Dropout, Flatten); for other models export ONNX, e.g. with tf2onnx)");
  });

  it("readWeights(an HDF5 activation dump) is E_KERAS: it holds no Keras weights", () => {
    expect(inputErrorMessage(() => keras("dump.h5"))).toMatch(/^dump\.h5: an HDF5 file without Keras weights .* \(expected a Keras \.h5 \(model\.save or save_weights\) or \.weights\.h5 file\)$/);
  });
});

describe("kerasSteps(config layers)", () => {
  const spec = (className: string, name: string, config: Record<string, unknown> = {}) => ({ class_name: className, config: { name, ...config } });
  const steps = (...layers: ReturnType<typeof spec>[]) =>
    kerasSteps(kerasConfigLayers({ class_name: "Sequential", config: { layers } }, "m.h5", "model_config"), "m.h5");

  it("kerasSteps maps Keras activation names to the catalogue's (swish is silu, linear is none, leaky_relu slopes 0.2)", () => {
    const s = steps(spec("Dense", "a", { activation: "swish" }), spec("Dense", "b", { activation: "leaky_relu" }), spec("Dense", "c", { activation: "linear" }));
    expect(s).toEqual([
      { kind: "dense", name: "a", activation: { name: "silu", params: {} } },
      { kind: "dense", name: "b", activation: { name: "leaky_relu", params: { negative_slope: 0.2 } } },
      { kind: "dense", name: "c", activation: { name: "none", params: {} } },
    ]);
  });

  it("kerasSteps folds LeakyReLU (Keras 2 alpha, Keras 3 negative_slope) and ReLU(max_value=6) into the Dense before", () => {
    const s = steps(spec("Dense", "a"), spec("LeakyReLU", "l", { alpha: 0.1 }), spec("Dense", "b"), spec("LeakyReLU", "m", { negative_slope: 0.3 }), spec("Dense", "c"), spec("ReLU", "r", { max_value: 6 }));
    expect(s.map((x) => (x.kind === "dense" ? x.activation : undefined))).toEqual([
      { name: "leaky_relu", params: { negative_slope: 0.1 } },
      { name: "leaky_relu", params: { negative_slope: 0.3 } },
      { name: "relu6", params: {} },
    ]);
  });

  it("kerasSteps(an Activation after a Dense that has one) is E_KERAS", () => {
    expect(inputErrorMessage(() => steps(spec("Dense", "a", { activation: "relu" }), spec("Activation", "act", { activation: "tanh" })))).toBe(
      "m.h5: layer 'act': Activation follows 'a', which already applies relu (expected one activation per Dense layer)");
  });

  it("kerasSteps(a Functional model that branches) is E_KERAS: only a chain runs (Keras 2 and Keras 3 inbound_nodes)", () => {
    const functional = (layers: unknown[]) => kerasSteps(kerasConfigLayers({ class_name: "Functional", config: { layers } }, "m.keras", "config.json"), "m.keras");
    const keras3 = (name: string, from: string[]) => ({ class_name: "Dense", config: { name }, inbound_nodes: [{ args: from.map((f) => ({ config: { keras_history: [f, 0, 0] } })), kwargs: {} }] });
    const keras2 = (name: string, from: string[]) => ({ class_name: "Dense", config: { name }, inbound_nodes: [from.map((f) => [f, 0, 0, {}])] });
    const input = { class_name: "InputLayer", config: { name: "in" }, inbound_nodes: [] };
    expect(functional([input, keras3("a", ["in"]), keras3("b", ["a"])]).map((x) => x.name)).toEqual(["a", "b"]);
    expect(functional([input, keras2("a", ["in"]), keras2("b", ["a"])]).map((x) => x.name)).toEqual(["a", "b"]);
    expect(inputErrorMessage(() => functional([input, keras3("a", ["in"]), keras3("b", ["in"])]))).toBe(
      "m.keras: layer 'b': takes its input from 'in', not from 'a' before it: the model is not a chain (expected a Sequential model, or a Functional one whose layers feed each other in order; for other models export ONNX, e.g. with tf2onnx)");
    expect(inputErrorMessage(() => functional([input, keras2("a", ["in"]), keras2("b", ["a", "in"])]))).toMatch(/layer 'b': takes its input from 'a', 'in', not from 'a'/);
  });

  it("kerasConfigLayers(old Keras 2 Sequential, config a list) reads the layers", () => {
    expect(kerasConfigLayers({ class_name: "Sequential", config: [spec("Dense", "d")] }, "m.h5", "model_config")).toEqual([{ name: "d", className: "Dense", config: { name: "d" } }]);
  });

  it("kerasSteps(kerasConfigLayers(any JSON value)) throws nothing but InputError", () => {
    const layer = fc.record({ class_name: fc.constantFrom("Dense", "Activation", "ReLU", "LeakyReLU", "Softmax", "ELU", "Dropout", "Conv2D", "InputLayer"), config: fc.dictionary(fc.constantFrom("name", "activation", "alpha", "negative_slope", "max_value", "threshold"), fc.jsonValue()), inbound_nodes: fc.jsonValue() }, { requiredKeys: ["class_name"] });
    const doc = fc.oneof(fc.jsonValue(), fc.record({ class_name: fc.constantFrom("Sequential", "Functional"), config: fc.oneof(fc.array(layer), fc.record({ layers: fc.array(layer) })) }));
    fc.assert(fc.property(doc, (d) => {
      try {
        kerasSteps(kerasConfigLayers(d, "m", "config.json"), "m");
      } catch (err) {
        expect(err).toBeInstanceOf(InputError);
      }
    }), { numRuns: 500 });
  });

  it("kerasConfigLayers(not a model config) is E_KERAS", () => {
    expect(inputErrorMessage(() => kerasConfigLayers([1, 2], "m.h5", "model_config"))).toMatch(/^m\.h5: model_config: is not a Keras model config/);
  });
});
