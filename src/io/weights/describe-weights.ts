import { ActvizError } from "../../errors.js";
import { NotKerasError } from "../hdf5/keras-weights.js";
import { openHdf5, type Hdf5Dataset } from "../hdf5/open-hdf5.js";
import { hdf5DatasetPaths } from "../hdf5/read-hdf5.js";
import { discoverLayers, ignoredTensors, type FoundLayer } from "./layer-discovery.js";
import { chain, kerasLayers, readJsonLayers, refuseNonDense, tensorLayer, type WeightLayer, type WeightsInput, type WeightsOptions } from "./read-weights.js";
import { weightEntries, type TensorEntry, type TensorInfo } from "./weight-entries.js";

/** One dense layer of a weights file as `neurons --weights` runs it (`--layer <number>`). */
export interface LayerListing {
  number: number;
  name: string;
  /** The weight tensor's name (the JSON path for a JSON file) and its shape as stored; null when unreadable. */
  weight: string;
  shape: readonly number[] | null;
  /** null when the layer has a problem. */
  inputs: number | null;
  outputs: number | null;
  /** The bias tensor the pass adds, or null (none in the file, or --no-bias). */
  bias: string | null;
  dtype: string | null;
  /** From a JSON file: the activation it names. */
  activation?: string;
  /** The error `neurons --weights` stops with at this layer, or null. */
  problem: string | null;
}

/** A tensor no layer reads, with what its header says and why it is left out. */
export interface IgnoredListing {
  name: string;
  shape: readonly number[] | null;
  dtype: string | null;
  why: string;
}

/** What a weights file holds, for `actviz layers`. */
export interface WeightsListing {
  source: string;
  format: string;
  layers: LayerListing[];
  ignored: IgnoredListing[];
  /** The first error a forward pass over these weights would stop with (the one `neurons --weights` prints), or null. */
  problem: WeightsProblem | null;
}

/** An error as `neurons --weights` reports it: the message (without "actviz: ") and its code. */
export interface WeightsProblem {
  message: string;
  code: string;
}

/**
 * Lists the dense layers of a weights input exactly as readWeights finds and checks them (the
 * same discovery, the same reads, the same messages), and the tensors no layer reads. A layer
 * that cannot run keeps its row with its problem, so a file that is not a runnable MLP (a conv
 * net's state dict) is still listed; file-level errors (not a model, a corrupt header, a JSON
 * schema error, a `--layers` name without a weight) are thrown as by readWeights.
 */
export function describeWeights(input: WeightsInput, source: string, o: WeightsOptions): WeightsListing {
  let keras: WeightLayer[] | null;
  try {
    keras = kerasLayers(input, source, o);
  } catch (err) {
    // an HDF5 file with no Keras weights (an activation dump): its datasets listed, the error its problem
    if (!(err instanceof NotKerasError) || input.kind !== "file") throw err;
    return { source, format: "h5", layers: [], ignored: hdf5Datasets(input.bytes, source), problem: { message: err.message, code: err.code } };
  }
  if (keras) {
    // a Keras file's Dense layers (its config decides them), named by their kernel's path
    return { source, format: "keras", layers: keras.map(kerasRow), ignored: [], problem: problemOf(() => chain(keras, source)) };
  }
  const found = weightEntries(input, source);
  if (found.kind === "json") {
    const layers = readJsonLayers(found.bytes, source, o);
    const problem = problemOf(() => chain(layers, source));
    return { source, format: "json", layers: layers.map((l, i) => jsonRow(l, i, o)), ignored: [], problem };
  }
  const names = found.entries.map((e) => e.name);
  const byName = new Map(found.entries.map((e) => [e.name, e]));
  let layers: FoundLayer[] = [];
  // what neurons --weights stops with first: a tensor no dense layer can hold, then a layer's own problem
  let problem: WeightsProblem | null = problemOf(() => refuseNonDense(found, source, o));
  try {
    layers = discoverLayers(names, source, o.layers);
  } catch (err) {
    // no <layer>.weight at all: every tensor is listed as ignored, and the pass's error given
    if (o.layers !== undefined || !(err instanceof ActvizError)) throw err;
    problem ??= { message: err.message, code: err.code };
  }
  const built: WeightLayer[] = [];
  const rows = layers.map((l, i): LayerListing => {
    const weight = `${l.name}.weight`;
    const bias = l.hasBias && o.bias ? `${l.name}.bias` : null;
    try {
      const { layer, dtype } = tensorLayer(l, byName, source, o);
      built.push(layer);
      return { number: i + 1, name: l.name, weight, shape: info(byName.get(weight)!)?.shape ?? null, inputs: layer.inputs, outputs: layer.outputs, bias, dtype, problem: null };
    } catch (err) {
      if (!(err instanceof ActvizError)) throw err;
      problem ??= { message: err.message, code: err.code };
      const w = info(byName.get(weight)!);
      return { number: i + 1, name: l.name, weight, shape: w?.shape ?? null, inputs: null, outputs: null, bias, dtype: w?.dtype ?? null, problem: err.message };
    }
  });
  if (problem === null) problem = problemOf(() => chain(built, source));
  const ignored = ignoredTensors(names, layers).map(({ name, why }) => {
    const t = info(byName.get(name)!);
    return { name, shape: t?.shape ?? null, dtype: t?.dtype ?? null, why };
  });
  return { source, format: found.format, layers: rows, ignored, problem };
}

/** A JSON layer's row: its tensors named by their JSON path, the weight's shape as the file holds it. */
function jsonRow(l: WeightLayer, i: number, o: WeightsOptions): LayerListing {
  return {
    number: i + 1, name: l.name, weight: `layers[${i}].weight`, shape: (o.layout ?? "out-in") === "out-in" ? [l.outputs, l.inputs] : [l.inputs, l.outputs],
    inputs: l.inputs, outputs: l.outputs, bias: l.bias ? `layers[${i}].bias` : null, dtype: "f64",
    ...(l.activation ? { activation: l.activation.name } : {}), problem: null,
  };
}

/**
 * A Keras layer's row: its kernel's path and shape as stored ([in, out]), its bias's path
 * (`dense/bias:0` beside `dense/kernel:0`, `vars/1` beside `vars/0`), its activation from the
 * config; the stored dtype is not kept by the Keras reader (null).
 */
function kerasRow(l: WeightLayer, i: number): LayerListing {
  const kernel = l.weightLabel.replace(/ is .*$/, "");
  const bias = kernel.replace(/kernel:0$/, "bias:0").replace(/vars\/0$/, "vars/1");
  return {
    number: i + 1, name: l.name, weight: kernel, shape: [l.inputs, l.outputs], inputs: l.inputs, outputs: l.outputs,
    bias: l.bias ? bias : null, dtype: null, ...(l.activation ? { activation: l.activation.name } : {}), problem: null,
  };
}

/** A tensor's header, or null when even that cannot be read. */
function info(entry: TensorEntry): TensorInfo | null {
  try {
    return entry.describe();
  } catch (err) {
    if (err instanceof ActvizError) return null;
    throw err;
  }
}

function problemOf(check: () => unknown): WeightsProblem | null {
  try {
    check();
    return null;
  } catch (err) {
    if (err instanceof ActvizError) return { message: err.message, code: err.code };
    throw err;
  }
}

/** Every dataset of an HDF5 file that holds no Keras model, with its shape and dtype, as ignored. */
function hdf5Datasets(bytes: Uint8Array, source: string): IgnoredListing[] {
  const root = openHdf5(bytes, source);
  return hdf5DatasetPaths(root, source).map((name) => {
    const d = root.get(name) as Hdf5Dataset;
    return { name, shape: d.shape, dtype: d.dtype, why: "not in a Keras layer (neurons --key reads it)" };
  });
}
