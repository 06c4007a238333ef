import { z } from "zod";
import { transposeWeight } from "../core/dense.js";
import { isKerasZip, readKerasLayers } from "./hdf5/read-keras.js";
import { inputError } from "./input-error.js";
import { readNpy } from "./read-npy.js";
import { npzKeys, readNpz } from "./read-npz.js";
import { readSafetensors, safetensorsEntries } from "./read-safetensors.js";
import { denseRefusal, notDense } from "./dense-refusal.js";
import { openTorch } from "./torch/read-torch.js";
import { sniffFormat } from "./sniff.js";
import type { Tensor } from "./tensor.js";
import { counted } from "../text/counted.js";
import { jsonPathSteps } from "../text/json-path.js";
import { parseJson } from "./parse-json.js";

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
  if (input.kind === "file") {
    const format = sniffFormat(input.bytes, source);
    if (format === "h5") return chain(readKerasLayers(input.bytes, "h5", source, given), source);
    if (format === "npz" && isKerasZip(input.bytes, source)) return chain(readKerasLayers(input.bytes, "zip", source, given), source);
    if (format === "json") return chain(readJsonLayers(input.bytes, source, o), source);
    if (format === "safetensors") {
      const entries = safetensorsEntries(input.bytes, source);
      const shapes = new Map(entries.map((e) => [e.name, e.shape]));
      return chain(tensorLayers([...shapes.keys()], (n) => readSafetensors(input.bytes, source, n), source, o, shapes), source);
    }
    if (format === "pt") {
      const file = openTorch(input.bytes, source);
      const shapes = new Map(file.entries.map((e) => [e.name, e.shape]));
      return chain(tensorLayers([...shapes.keys()], file.read, source, o, shapes), source);
    }
    if (format === "npz") {
      const names = npzKeys(input.bytes, source);
      return chain(tensorLayers(names, (n) => readNpz(input.bytes, source, n), source, o), source);
    }
    throw inputError(source, "", `${format} data is not a model`, "weights as .safetensors, .pt/.pth, .npz, Keras .h5 or .keras, a folder of .npy files, or JSON {\"layers\": [...]}", "E_FORMAT");
  }
  const files = input.files;
  return chain(tensorLayers([...files.keys()], (n) => readNpy(files.get(n)!, `${source}/${n}.npy`), source, o), source);
}

/**
 * The tensors of a weights file that no returned layer uses (an optimizer's state, a
 * checkpoint's other tensors, buffers without a `.weight`/`.bias` pair): they are ignored.
 */
export function ignoredTensors(input: WeightsInput, source: string, layers: readonly WeightLayer[]): string[] {
  let names: string[] = [];
  if (input.kind === "folder") names = [...input.files.keys()];
  else {
    const format = sniffFormat(input.bytes, source);
    if (format === "safetensors") names = safetensorsEntries(input.bytes, source).map((e) => e.name);
    else if (format === "pt") names = openTorch(input.bytes, source).entries.map((e) => e.name);
    else if (format === "npz") names = npzKeys(input.bytes, source);
  }
  const used = new Set(layers.flatMap((l) => [`${l.name}.weight`, ...(l.bias ? [`${l.name}.bias`] : [])]));
  return names.filter((n) => !used.has(n));
}

/** Compares "layers.10" and "layers.9" by their numbers: natural sort order. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (i % 2 === 1) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/**
 * `shapes` (when known without reading): without --layers, the first tensor in file order that
 * no dense layer can hold (a conv kernel, a norm layer's tensors) is an error naming it.
 */
function tensorLayers(names: readonly string[], read: (name: string) => Tensor, source: string, o: WeightsOptions, shapes?: ReadonlyMap<string, readonly number[]>): WeightLayer[] {
  const present = new Set(names);
  for (const [name, shape] of o.layers ? [] : shapes ?? []) {
    const why = notDense(name, shape);
    if (why !== undefined) throw denseRefusal(source, name, shape, why);
  }
  const prefixes = names.filter((n) => n.endsWith(".weight")).map((n) => n.slice(0, -".weight".length));
  let order: string[];
  if (o.layers) {
    for (const p of o.layers) {
      if (!present.has(`${p}.weight`)) {
        throw inputError(source, `--layers: ${p}.weight`, "not found", prefixes.length ? `one of ${prefixes.map((q) => `${q}.weight`).join(", ")}` : "tensors named <layer>.weight", "E_KEY");
      }
    }
    order = [...o.layers];
  } else {
    order = [...prefixes].sort(naturalCompare);
  }
  if (order.length === 0) {
    throw inputError(source, "", `no tensor named <layer>.weight among ${names.length} (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", ..." : ""})`, "PyTorch names such as fc1.weight, fc1.bias", "E_KEY");
  }
  return order.map((name) => {
    const w = floatTensor(read(`${name}.weight`), `${name}.weight`, source);
    const hasBias = present.has(`${name}.bias`);
    const b = hasBias && o.bias ? floatTensor(read(`${name}.bias`), `${name}.bias`, source) : null;
    return layer(name, w, b, source, o, hasBias);
  });
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
  const wName = jsonPlace ? `${jsonPlace}.weight` : `${name}.weight`;
  const bName = jsonPlace ? `${jsonPlace}.bias` : `${name}.bias`;
  if (w.shape.length !== 2) {
    const why = jsonPlace ? undefined : notDense(wName, w.shape);
    if (why !== undefined) throw denseRefusal(source, wName, w.shape, why);
    throw inputError(source, wName, `is ${w.shape.length}-D, shape [${w.shape.join(", ")}]`, o.layout === "out-in" ? "2-D [outputs, inputs]" : "2-D [inputs, outputs]", "E_SHAPE");
  }
  const [r, c] = w.shape as [number, number];
  const [outputs, inputs] = o.layout === "out-in" ? [r, c] : [c, r];
  const weightLabel = `${wName} is ${r}x${c}${o.layout === "in-out" ? " [in, out]" : ""}`;
  if (inputs === 0 || outputs === 0) throw inputError(source, wName, `is ${r}x${c}`, "at least one input and one output", "E_SHAPE");
  const weight = o.layout === "out-in" ? Float64Array.from(w.data) : transposeWeight(w.data, inputs, outputs);
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

/** Each layer's inputs must be the previous layer's outputs. */
function chain(layers: WeightLayer[], source: string): WeightLayer[] {
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

function readJsonLayers(bytes: Uint8Array, source: string, o: WeightsOptions): WeightLayer[] {
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
