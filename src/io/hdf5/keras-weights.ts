import { InputError } from "../../errors.js";
import { inputError } from "../input-error.js";
import { naturalCompare } from "../weights/read-weights.js";
import { openHdf5, type Hdf5Dataset, type Hdf5Group } from "./open-hdf5.js";

/** An HDF5 file with none of Keras's weight groups (an activation dump, say): E_KERAS, told apart by its class. */
export class NotKerasError extends InputError {
  constructor(source: string) {
    super(`${source}: an HDF5 file without Keras weights (no model_weights group, layer_names attribute or layers group) (expected a Keras .h5 (model.save or save_weights) or .weights.h5 file)`, "E_KERAS");
  }
}

/** One stored weight of a Keras layer: the name Keras shows ("dense/kernel:0") and its dataset. */
export interface KerasWeight {
  label: string;
  dataset: Hdf5Dataset;
}

/** A Keras weights file opened: the layer names it stores in order, each layer's weights, the model config. */
export interface KerasWeights {
  /** Layers that hold weights, in the order the file gives (Keras 2 layer_names; Keras 3 natural sort). */
  layerNames: string[];
  weightsOf(layer: string): KerasWeight[];
  /** The model config as JSON text (Keras 2 root attribute model_config), if the file has one. */
  configText: string | undefined;
}

/**
 * Opens the Keras weights in an HDF5 file: Keras 2 (`model.save`: a model_weights group and the
 * model_config attribute; `save_weights`: layer_names at the root), each layer a group whose
 * weight_names attribute lists its datasets (`dense/kernel:0`, `dense/bias:0`); or Keras 3
 * (`model.weights.h5` inside a .keras, or `save_weights`): `layers/<name>/vars/0, 1, ...`.
 */
export function openKerasWeights(bytes: Uint8Array, source: string): KerasWeights {
  const root = openHdf5(bytes, source);
  const rootAttrs = root.attrs();
  const configText = typeof rootAttrs.model_config === "string" ? rootAttrs.model_config : undefined;
  const modelWeights = root.get("model_weights");
  const keras2 = modelWeights?.kind === "group" ? modelWeights : rootAttrs.layer_names !== undefined ? root : undefined;
  if (keras2) {
    const layerNames = stringList(keras2.attrs(), "layer_names", source, keras2.path);
    return {
      layerNames: layerNames.filter((name) => keras2Weights(keras2, name, source).length > 0),
      weightsOf: (name) => keras2Weights(keras2, name, source),
      configText,
    };
  }
  const layers = root.get("layers");
  if (layers?.kind !== "group") throw new NotKerasError(source);
  const weightsOf = (name: string): KerasWeight[] => keras3Weights(layers, name, source);
  const layerNames = layers.names().sort(naturalCompare).filter((name) => weightsOf(name).length > 0);
  return { layerNames, weightsOf, configText };
}

function keras2Weights(group: Hdf5Group, layer: string, source: string): KerasWeight[] {
  const g = group.get(layer);
  if (g?.kind !== "group") throw inputError(source, `${group.path === "/" ? "" : group.path}/${layer}`, "is missing", "a group per name in layer_names", "E_KERAS");
  return stringList(g.attrs(), "weight_names", source, g.path).map((label) => {
    const d = g.get(label);
    if (d?.kind !== "dataset") throw inputError(source, `${g.path}/${label}`, "is missing", "a dataset per name in weight_names", "E_KERAS");
    return { label, dataset: d };
  });
}

function keras3Weights(layers: Hdf5Group, layer: string, source: string): KerasWeight[] {
  const vars = layers.get(`${layer}/vars`);
  if (vars?.kind !== "group") return [];
  const names = vars.names();
  return names.map((_, i) => {
    const d = vars.get(String(i));
    if (d?.kind !== "dataset") throw inputError(source, `layers/${layer}/vars/${i}`, "is missing", `datasets 0 to ${names.length - 1}`, "E_KERAS");
    return { label: `layers/${layer}/vars/${i}`, dataset: d };
  });
}

/**
 * A list of names from an attribute, as Keras writes it: one array, or, when it would pass
 * HDF5's 64 KB attribute limit, chunks `name0`, `name1`, ... An empty list is [].
 */
function stringList(attrs: Record<string, unknown>, name: string, source: string, path: string): string[] {
  let value = attrs[name];
  if (value === undefined && attrs[`${name}0`] !== undefined) {
    const chunks: unknown[] = [];
    for (let i = 0; attrs[`${name}${i}`] !== undefined; i++) chunks.push(...asArray(attrs[`${name}${i}`]));
    value = chunks;
  }
  const list = asArray(value);
  if (!list.every((v) => typeof v === "string")) {
    throw inputError(source, `${path} attribute ${name}`, "is not a list of strings", "names such as dense, dense/kernel:0", "E_KERAS");
  }
  return list as string[];
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
