import { findActivation } from "../core/activations/index.js";
import { denseForwardAsync, softmaxRows, type DenseLayer } from "../core/dense/dense.js";
import { InputError, UsageError } from "../errors.js";
import type { WeightLayer } from "../io/weights/read-weights.js";
import type { Tensor } from "../io/tensor.js";
import { parseActivationList, resolveLayerActivation, type LayerActivation } from "../options/activation-list.js";
import type { NeuronsOptions } from "../options/neurons.js";
import type { NeuronData } from "./neurons-data.js";
import { prepareNeurons, sampleRange } from "./neurons-data.js";
import { sampleClasses, sliceLabels, type LabelSet } from "./neurons-classes.js";
import { counted } from "../text/counted.js";
import { testSeams } from "../test-seams.js";

/** A model ready to run: its layers with their activations. */
export interface Model {
  source: string;
  layers: WeightLayer[];
  activations: LayerActivation[];
}

/**
 * Each layer's activation: `--activation` (one function for every hidden layer, the output layer
 * none; or one per layer), else the ones the JSON file names. UsageError/InputError otherwise.
 */
export function layerActivations(layers: readonly WeightLayer[], spec: string | undefined, source: string): LayerActivation[] {
  if (spec !== undefined) {
    const list = parseActivationList(spec);
    if (list.length === 1) return layers.map((_, i) => (i === layers.length - 1 ? { name: "none", params: {} } : list[0]!));
    if (list.length !== layers.length) {
      throw new UsageError(`--activation: ${counted(list.length, "function")} for ${counted(layers.length, "layer")} (${layers.map((l) => l.name).join(", ")}) (expected one, for every hidden layer, or ${layers.length})`, "E_ACTIVATION");
    }
    return list;
  }
  return layers.map((l) => {
    if (!l.activation) {
      throw new UsageError(`--activation: ${source} names no activation for ${l.name} (expected --activation relu for every hidden layer, or one per layer: relu,none)`, "E_ACTIVATION");
    }
    try {
      return resolveLayerActivation(l.activation.name, l.activation.params);
    } catch (err) {
      throw new InputError(`${source}: ${l.name}.activation: ${(err as Error).message}`, "E_ACTIVATION", { cause: err });
    }
  });
}

/**
 * The baseline checkpoint as a model with the current one's activations, after checking it has
 * the same layers (count, names, shapes): InputError naming both shapes otherwise.
 */
export function sameArchitecture(model: Model, layers: WeightLayer[], source: string): Model {
  const shapes = (ls: readonly WeightLayer[]) => ls.map((l) => `${l.name} ${l.outputs}x${l.inputs}`).join(", ");
  const same = layers.length === model.layers.length && layers.every((l, i) => l.name === model.layers[i]!.name && l.inputs === model.layers[i]!.inputs && l.outputs === model.layers[i]!.outputs);
  if (!same) {
    throw new InputError(`${source}: layers ${shapes(layers)}, but ${model.source} has ${shapes(model.layers)} (expected the same architecture: a checkpoint of the same model)`, "E_SHAPE");
  }
  return { source, layers, activations: model.activations };
}

/** The 0-based layers `--layer` picks: N (1-based), a name, output (the last), or all. */
export function chosenLayers(model: Model, o: NeuronsOptions): number[] {
  const chosen = pickLayers(model, o);
  const n = model.layers.length;
  if (o.softmax && o.layer?.kind !== "all" && chosen[0] !== n - 1) {
    const l = model.layers[chosen[0]!]!;
    throw new UsageError(`--softmax: layer ${chosen[0]! + 1} (${l.name}) is not the output layer (expected --layer output, or ${n})`, "E_LAYER");
  }
  return chosen;
}

function pickLayers(model: Model, o: NeuronsOptions): number[] {
  const n = model.layers.length;
  const choice = o.layer ?? { kind: "index", index: 1 };
  const names = model.layers.map((l) => l.name).join(", ");
  switch (choice.kind) {
    case "all":
      return model.layers.map((_, i) => i);
    case "output":
      return [n - 1];
    case "index":
      if (choice.index > n) throw new UsageError(`--layer: '${choice.index}' is past the last of ${counted(n, "layer")} (expected 1-${n}, a name (${names}), output or all)`, "E_LAYER");
      return [choice.index - 1];
    case "name": {
      const i = model.layers.findIndex((l) => l.name === choice.name);
      if (i < 0) throw new UsageError(`--layer: no layer '${choice.name}' (expected one of ${names}, a number 1-${n}, output or all)`, "E_LAYER");
      return [i];
    }
  }
}

/**
 * The input as [samples, features]: axis 0 is samples, the rest (an image [8, 8], [1, 28, 28])
 * flattened in C order; a 1-D array is one sample. Its width must be the first layer's inputs.
 */
export function inputMatrix(x: Tensor, first: WeightLayer, inputSource: string): { rows: number; data: Float32Array | Float64Array } {
  if (x.shape.length === 0) throw new InputError(`${inputSource}: the input is 0-d (expected [samples, features])`, "E_SHAPE");
  const rows = x.shape.length === 1 ? 1 : x.shape[0]!;
  const features = x.shape.length === 1 ? x.shape[0]! : x.shape.slice(1).reduce((a, b) => a * b, 1);
  if (features !== first.inputs) {
    const shape = x.shape.length > 2 ? ` (shape [${x.shape.join(", ")}], flattened per sample)` : "";
    throw new InputError(`${inputSource}: ${first.weightLabel} (${counted(first.inputs, "input")}) but the input has ${counted(features, "feature")}${shape} (expected ${counted(first.inputs, "feature")} per sample)`, "E_SHAPE");
  }
  if (rows === 0) throw new InputError(`${inputSource}: the input has no samples (expected at least one)`, "E_EMPTY");
  return { rows, data: x.data };
}

/**
 * Runs the forward pass up to layer `index` (0-based) and prepares its output like an activation
 * file. The pass lets the event loop turn every ~50 ms (a signal handler can end a long one) and
 * reports `onProgress(rows done, rows)`; a test's entry script may slow each block of rows
 * (testSeams.passBlock) to test that a signal ends a long pass.
 */
export async function layerNeurons(model: Model, x: Tensor, index: number, o: NeuronsOptions, inputSource: string, onProgress?: (done: number, rows: number) => void): Promise<NeuronData> {
  return (await layerRun(model, x, index, o, inputSource, onProgress)).data;
}

/** A layer's output for every sample, before any softmax: where a later layer's pass can start. */
export interface LayerOutput {
  index: number;
  output: Float64Array;
}

/**
 * layerNeurons, and the layer's output for the next layer's pass: given `from`, the output of an
 * earlier layer for the same input, the pass starts there (`--layer all` then computes each layer
 * once), and given this layer's own output there is no pass at all (`render` reuses a pass across
 * figures). The same bits as a pass from the input: with --dtype f32 the stored outputs are float32.
 */
export async function layerRun(model: Model, x: Tensor, index: number, o: NeuronsOptions, inputSource: string, onProgress?: (done: number, rows: number) => void, from?: LayerOutput, labels?: LabelSet): Promise<{ data: NeuronData; output: LayerOutput }> {
  const input = inputMatrix(x, model.layers[0]!, inputSource);
  const first = from && from.index <= index ? from.index + 1 : 0;
  const dense: DenseLayer[] = model.layers.slice(first, index + 1).map((l, i) => ({
    inputs: l.inputs,
    outputs: l.outputs,
    weight: l.weight,
    bias: l.bias,
    f: boundF(model.activations[first + i]!),
    relu: model.activations[first + i]!.name === "relu",
  }));
  const layer = model.layers[index]!;
  const last = index === model.layers.length - 1;
  const seam = testSeams.passBlock;
  const progress = seam ? (done: number, rows: number) => (seam(done, rows), onProgress?.(done, rows)) : onProgress;
  // only the samples --samples picks go through the layers (each sample's pass is its own)
  const [a, b] = sampleRange(o.samples, input.rows);
  const width = model.layers[0]!.inputs;
  const start = first > 0 ? from!.output : input.data.subarray(a * width, b * width);
  const out = first > index ? from!.output : await denseForwardAsync(start, b - a, dense, dense.length - 1, o.dtype ?? "f64", progress, o.threads ?? "auto");
  const output = { index, output: out };
  const softmax = Boolean(o.softmax) && last;
  const values = softmax ? softmaxRows(Float64Array.from(out), layer.outputs) : out;
  const act = softmax ? { name: "softmax", params: {} } : model.activations[index]!;
  const tensor: Tensor = { shape: [b - a, layer.outputs], data: values, dtype: "<f8" };
  const { samples: _, ...rest } = o;
  // the labels of the samples that went through the layers (checked against the whole input)
  const sliced = labels ? sliceLabels(labels, a, b) : undefined;
  if (labels) sampleClasses(labels, input.rows, a, b, inputSource);
  const data = prepareNeurons(tensor, { ...rest, activation: undefined }, inputSource, act.name === "none" || act.name === "softmax" ? undefined : act, sliced);
  return {
    data: { ...data, firstSample: a, layer: { number: index + 1, name: layer.name, layers: model.layers.length, activation: act.name, weights: model.source, dtype: o.dtype ?? "f64" } },
    output,
  };
}

function boundF(a: LayerActivation): ((x: number) => number) | null {
  if (a.name === "none") return null;
  return findActivation(a.name)!.bind(a.params).f;
}
