import { z } from "zod";
import { transposeWeight } from "../../core/dense/dense.js";
import { isKerasZip, readKerasLayers } from "../hdf5/read-keras.js";
import { inputError } from "../input-error.js";
import { denseRefusal, notDense } from "./dense-refusal.js";
import { discoverLayers, type FoundLayer } from "./layer-discovery.js";
import { sniffFormat } from "../sniff.js";
import { weightEntries, type TensorEntry, type WeightEntries } from "./weight-entries.js";
import type { Tensor } from "../tensor.js";
import { counted } from "../../text/counted.js";
import { jsonPathSteps } from "../../text/json-path.js";
import { parseJson } from "../text/parse-json.js";

export { naturalCompare } from "./layer-discovery.js";

/** The weights as read: one file's bytes, or the .npy files of a folder by tensor name. */
export type WeightsInput = { kind: "file"; bytes: Uint8Array } | { kind: "folder"; files: ReadonlyMap<string, Uint8Array> };

export interface WeightsOptions {
  /** The layer names (tensor prefixes) in order; default: every prefix with a weight, natural sort. */
  layers?: readonly string[];
  /** false: the model has no biases (`--no-bias`). */
  bias: boolean;
  /** "out-in": PyTorch's [outputs, inputs] (the default); "in-out": Keras's [inputs, outputs]. Keras files are always in-out. */
  layout?: "out-in" | "in-out";
}

/** One dense layer as stored: the weight always as PyTorch's row-major [outputs, inputs], float64. */
export interface WeightLayer {
  name: string;
  inputs: number;
  outputs: number;
  weight: Float64Array;
  bias: Float64Array | null;
  /** The weight as the file shows it, for messages: "fc1.weight is 128x64". */
  weightLabel: string;
  /** From a JSON file: the activation it names and its parameters. */
  activation?: { name: string; params: Record<string, number | string> };
}

const FLOAT_DTYPES = /^(?:[<>=|]?f[248]|bf16)$/;

/**
 * Reads the dense layers of a model: .safetensors, .npz or a folder of .npy files with
 * PyTorch's tensor names (`fc1.weight`, `fc1.bias`, `net.0.weight`), JSON
 * `{"layers": [{"name"?, "weight", "bias", "activation", "params"?}]}`, or Keras (.h5, .keras). Errors name the tensors
 * and their shapes; layers that do not chain are an error.
 */
export function readWeights(input: WeightsInput, source: string, given: WeightsOptions): WeightLayer[] {
  const o = { ...given, layout: given.layout ?? "out-in" } as const;
  const keras = kerasLayers(input, source, given);
  if (keras) return chain(keras, source);
  const found = weightEntries(input, source);
  if (found.kind === "json") return chain(readJsonLayers(found.bytes, source, o), source);
  refuseNonDense(found, source, o);
  const byName = new Map(found.entries.map((e) => [e.name, e]));
  const layers = discoverLayers(found.entries.map((e) => e.name), source, o.layers);
  return chain(layers.map((l) => tensorLayer(l, byName, source, o).layer), source);
}

/**
 * Without --layers, the first tensor in file order that no dense layer can hold (a conv kernel,
 * a norm layer's tensors) is an error naming it, where headers give shapes cheaply (safetensors,
 * PyTorch): the model is not an MLP, whatever its layers' names.
 */
export function refuseNonDense(found: WeightEntries, source: string, o: WeightsOptions): void {
  if (o.layers || found.kind !== "tensors" || !found.cheapShapes) return;
  for (const e of found.entries) {
    const { shape } = e.describe();
    const why = notDense(e.name, shape);
    if (why !== undefined) throw denseRefusal(source, e.name, shape, why);
  }
}

/** A Keras file's dense layers (.h5, or a .keras zip), or null for any other weights input. */
export function kerasLayers(input: WeightsInput, source: string, given: WeightsOptions): WeightLayer[] | null {
  if (input.kind !== "file") return null;
  const format = sniffFormat(input.bytes, source);
  if (format === "h5") return readKerasLayers(input.bytes, "h5", source, given);
  if (format === "npz" && isKerasZip(input.bytes, source)) return readKerasLayers(input.bytes, "zip", source, given);
  return null;
}

/**
 * One layer read from its tensors (`<name>.weight`, `<name>.bias`), checked as a forward pass
 * needs it, with the weight's dtype as stored. InputError naming the tensor otherwise.
 */
export function tensorLayer(found: FoundLayer, entries: ReadonlyMap<string, TensorEntry>, source: string, o: WeightsOptions): { layer: WeightLayer; dtype: string } {
  const { name, hasBias } = found;
  const w = floatTensor(entries.get(`${name}.weight`)!.read(), `${name}.weight`, source);
  const b = hasBias && o.bias ? floatTensor(entries.get(`${name}.bias`)!.read(), `${name}.bias`, source) : null;
  return { layer: layer(name, w, b, source, o, hasBias), dtype: w.dtype };
}

function floatTensor(t: Tensor, name: string, source: string): Tensor {
  if (!FLOAT_DTYPES.test(t.dtype)) {
    throw inputError(source, name, `dtype ${t.dtype} is not supported for weights`, "f16, bf16, f32 or f64", "E_DTYPE");
  }
  return t;
}

function layer(
  name: string,
  w: { shape: readonly number[]; data: ArrayLike<number> },
  b: { shape: readonly number[]; data: ArrayLike<number> } | null,
  source: string,
  o: WeightsOptions,
  hasBias: boolean,
  jsonPlace?: string,
): WeightLayer {
  const layout = o.layout ?? "out-in";
  const wName = jsonPlace ? `${jsonPlace}.weight` : `${name}.weight`;
  const bName = jsonPlace ? `${jsonPlace}.bias` : `${name}.bias`;
  if (w.shape.length !== 2) {
    const why = jsonPlace ? undefined : notDense(wName, w.shape);
    if (why !== undefined) throw denseRefusal(source, wName, w.shape, why);
    throw inputError(source, wName, `is ${w.shape.length}-D, shape [${w.shape.join(", ")}]`, layout === "out-in" ? "2-D [outputs, inputs]" : "2-D [inputs, outputs]", "E_SHAPE");
  }
  const [r, c] = w.shape as [number, number];
  const [outputs, inputs] = layout === "out-in" ? [r, c] : [c, r];
  const weightLabel = `${wName} is ${r}x${c}${layout === "in-out" ? " [in, out]" : ""}`;
  if (inputs === 0 || outputs === 0) throw inputError(source, wName, `is ${r}x${c}`, "at least one input and one output", "E_SHAPE");
  const weight = layout === "out-in" ? Float64Array.from(w.data) : transposeWeight(w.data, inputs, outputs);
  if (!o.bias) {
    if (hasBias) throw inputError(source, bName, "is present but --no-bias says the model has none", "no bias tensors with --no-bias, or drop --no-bias", "E_BIAS");
    return { name, inputs, outputs, weight, bias: null, weightLabel };
  }
  if (b === null) {
    throw inputError(source, bName, `is missing (${weightLabel}, ${counted(outputs, "output")})`, `a bias of ${counted(outputs, "value")}, or --no-bias for a model without biases`, "E_BIAS");
  }
  if (b.shape.length !== 1 || b.shape[0] !== outputs) {
    throw inputError(source, bName, `has shape [${b.shape.join(", ")}] but ${weightLabel} (${counted(outputs, "output")})`, `[${outputs}]`, "E_SHAPE");
  }
  return { name, inputs, outputs, weight, bias: Float64Array.from(b.data), weightLabel };
}

/** Each layer's inputs must be the previous layer's outputs: InputError (E_CHAIN) otherwise. */
export function chain(layers: WeightLayer[], source: string): WeightLayer[] {
  for (let i = 1; i < layers.length; i++) {
    const prev = layers[i - 1]!;
    const l = layers[i]!;
    if (l.inputs !== prev.outputs) {
      throw inputError(source, "", `${l.weightLabel} (${counted(l.inputs, "input")}) but ${prev.weightLabel} (${counted(prev.outputs, "output")}): the layers do not chain`,
        "each layer's inputs to equal the previous layer's outputs (--layers to set the order)", "E_CHAIN");
    }
  }
  return layers;
}

// any JSON number, and the NaN and ±Infinity that Python's json writes (zod's number() refuses them)
const numberRow = z.array(z.custom<number>((v) => typeof v === "number", { message: "expected a number" }));
const jsonSchema = z.looseObject({
  layers: z
    .array(
      z.looseObject({
        name: z.string().min(1).optional(),
        weight: z.array(numberRow).min(1),
        bias: numberRow.optional(),
        activation: z.string().min(1).optional(),
        params: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
      }),
    )
    .min(1),
});

export function readJsonLayers(bytes: Uint8Array, source: string, o: WeightsOptions): WeightLayer[] {
  const doc = parseJson(bytes, source, 'a JSON object {"layers": [...]}');
  const parsed = jsonSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = jsonPathSteps(issue.path);
    throw inputError(source, path.replace(/^\./, "") || "top level", issue.message, '{"layers": [{"name"?, "weight": [[...]], "bias": [...], "activation": "relu"}]}', "E_SCHEMA");
  }
  if (o.layers) throw inputError(source, "--layers", "the JSON file lists its layers in order", "--layers only with safetensors, npz or .npy files", "E_USAGE");
  return parsed.data.layers.map((l, i) => {
    const name = l.name ?? `layers[${i}]`;
    const width = l.weight[0]!.length;
    const bad = l.weight.findIndex((row) => row.length !== width);
    if (bad >= 0) throw inputError(source, `layers[${i}].weight[${bad}]`, `has ${counted(l.weight[bad]!.length, "value")} but row 0 has ${width}`, "rows of equal length", "E_SHAPE");
    const w = { shape: [l.weight.length, width], data: l.weight.flat() };
    const b = l.bias ? { shape: [l.bias.length], data: l.bias } : null;
    const built = layer(name, w, b, source, o, l.bias !== undefined, l.name ?? `layers[${i}]`);
    return l.activation === undefined ? built : { ...built, activation: { name: l.activation, params: l.params ?? {} } };
  });
}
