import { inputError } from "../input-error.js";
import { kerasActivation, type NamedActivation } from "./keras-activation.js";

/** A layer of a Keras model config: its name, class and the rest of its config. */
export interface KerasLayerSpec {
  name: string;
  className: string;
  config: Record<string, unknown>;
  /** Functional models: the layers this one takes its inputs from (undefined for Sequential). */
  inbound?: string[];
}

/** What the dense path does with a layer of the config. */
export type KerasStep =
  | { kind: "dense"; name: string; activation: NamedActivation | undefined }
  | { kind: "other"; name: string; className: string };

/** Identities at inference (Flatten: the input is flattened per sample in C order anyway). */
const PASS_THROUGH = new Set([
  "InputLayer", "Dropout", "Flatten", "GaussianNoise", "GaussianDropout", "AlphaDropout",
  "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "ActivityRegularization",
]);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The layers of a Keras model config (`model_config` of a Keras 2 .h5, `config.json` of a
 * .keras): `{"class_name": "Sequential" | "Functional" | "Model", "config": {"layers": [...]}}`
 * (old Keras 2 Sequential: `"config": [...]`), in the order the config lists them.
 */
export function kerasConfigLayers(doc: unknown, source: string, place: string): KerasLayerSpec[] {
  const expected = '{"class_name": "Sequential" or "Functional", "config": {"layers": [...]}}';
  if (!isObject(doc) || typeof doc.class_name !== "string") throw inputError(source, place, "is not a Keras model config", expected, "E_KERAS");
  const layers = Array.isArray(doc.config) ? doc.config : isObject(doc.config) ? doc.config.layers : undefined;
  if (!Array.isArray(layers)) throw inputError(source, place, `a ${doc.class_name} config without a list of layers`, expected, "E_KERAS");
  return layers.map((entry, i) => {
    const config = isObject(entry) && isObject(entry.config) ? entry.config : {};
    const name = typeof config.name === "string" ? config.name : isObject(entry) && typeof entry.name === "string" ? entry.name : undefined;
    if (!isObject(entry) || typeof entry.class_name !== "string" || name === undefined) {
      throw inputError(source, `${place}: layers[${i}]`, "has no class_name or name", '{"class_name": "Dense", "config": {"name": "dense", ...}}', "E_KERAS");
    }
    return Array.isArray(entry.inbound_nodes)
      ? { name, className: entry.class_name, config, inbound: inboundNames(entry.inbound_nodes) }
      : { name, className: entry.class_name, config };
  });
}

/**
 * The layer names in a Functional layer's inbound_nodes: Keras 3 writes
 * `[{"args": [{"config": {"keras_history": ["dense", 0, 0]}}]}]`, Keras 2 `[[["dense", 0, 0, {}]]]`.
 */
function inboundNames(nodes: unknown): string[] {
  const names = new Set<string>();
  const visit = (v: unknown, depth: number): void => {
    if (depth > 12) return;
    if (Array.isArray(v)) {
      if (typeof v[0] === "string" && typeof v[1] === "number") names.add(v[0]);
      else v.forEach((x) => visit(x, depth + 1));
    } else if (isObject(v)) {
      if (Array.isArray(v.keras_history) && typeof v.keras_history[0] === "string") names.add(v.keras_history[0]);
      else Object.values(v).forEach((x) => visit(x, depth + 1));
    }
  };
  visit(nodes, 0);
  return [...names];
}

/**
 * The config's layers as the dense path sees them: Dense layers with their activation, layers
 * that are identities at inference dropped, and an Activation, ReLU, LeakyReLU, ELU or Softmax
 * layer folded into the Dense layer before it (which must have a linear activation). Anything
 * else is kept as "other": the caller reports it with its weights' shapes. A softmax on the
 * last Dense layer becomes none: the output layer gives logits, `--softmax` probabilities.
 */
export function kerasSteps(specs: readonly KerasLayerSpec[], source: string): KerasStep[] {
  const steps: KerasStep[] = [];
  specs.forEach((spec, i) => {
    // a Functional model runs here only as a chain: each layer fed by the one listed before it
    const inbound = spec.inbound;
    if (inbound !== undefined && i > 0 && (inbound.length !== 1 || inbound[0] !== specs[i - 1]!.name)) {
      throw inputError(source, `layer '${spec.name}'`, `takes its input from ${inbound.length === 0 ? "no layer" : inbound.map((n) => `'${n}'`).join(", ")}, not from '${specs[i - 1]!.name}' before it: the model is not a chain`,
        "a Sequential model, or a Functional one whose layers feed each other in order; for other models export ONNX, e.g. with tf2onnx", "E_KERAS");
    }
  });
  for (const spec of specs) {
    if (PASS_THROUGH.has(spec.className)) continue;
    if (spec.className === "Dense") {
      steps.push({ kind: "dense", name: spec.name, activation: kerasActivation(spec.config.activation ?? "linear") });
      continue;
    }
    const folded = layerActivation(spec);
    if (folded === undefined) {
      steps.push({ kind: "other", name: spec.name, className: spec.className });
      continue;
    }
    const previous = steps[steps.length - 1];
    if (previous?.kind !== "dense" || (previous.activation !== undefined && previous.activation.name !== "none")) {
      const what = previous?.kind === "dense" ? `follows '${previous.name}', which already applies ${previous.activation!.name}` : "follows no Dense layer";
      throw inputError(source, `layer '${spec.name}'`, `${spec.className} ${what}`, "one activation per Dense layer", "E_KERAS");
    }
    previous.activation = folded;
  }
  const last = steps[steps.length - 1];
  if (last?.kind === "dense" && last.activation?.name === "softmax") last.activation = { name: "none", params: {} };
  return steps;
}

/** The function of an activation layer, or undefined for a layer of another kind. */
function layerActivation(spec: KerasLayerSpec): NamedActivation | undefined {
  const c = spec.config;
  const num = (v: unknown, fallback: number): number => (typeof v === "number" ? v : fallback);
  switch (spec.className) {
    case "Activation":
      return kerasActivation(c.activation) ?? { name: "none", params: {} };
    case "Softmax":
      return { name: "softmax", params: {} };
    case "ELU":
      return { name: "elu", params: { alpha: num(c.alpha, 1) } };
    case "LeakyReLU":
      // Keras 3 calls the slope negative_slope, Keras 2 alpha; both default to 0.3
      return { name: "leaky_relu", params: { negative_slope: num(c.negative_slope ?? c.alpha, 0.3) } };
    case "ReLU": {
      const slope = num(c.negative_slope, 0);
      const max = typeof c.max_value === "number" ? c.max_value : null;
      const threshold = num(c.threshold, 0);
      if (threshold === 0 && max === null) return slope === 0 ? { name: "relu", params: {} } : { name: "leaky_relu", params: { negative_slope: slope } };
      if (threshold === 0 && slope === 0 && max === 6) return { name: "relu6", params: {} };
      return { name: `ReLU(max_value=${max}, negative_slope=${slope}, threshold=${threshold})`, params: {} };
    }
    default:
      return undefined;
  }
}
