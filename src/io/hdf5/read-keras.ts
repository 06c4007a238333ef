import { transposeWeight } from "../../core/dense/dense.js";
import { counted } from "../../text/counted.js";
import { inputError } from "../input-error.js";
import { parseJson } from "../text/parse-json.js";
import type { WeightLayer } from "../weights/read-weights.js";
import type { Tensor } from "../tensor.js";
import { readZipDirectory } from "../zip/zip-directory.js";
import { readZipEntry } from "../zip/zip-entry.js";
import { kerasConfigLayers, kerasSteps, type KerasStep } from "./keras-config.js";
import { openKerasWeights, type KerasWeight, type KerasWeights } from "./keras-weights.js";

export interface KerasOptions {
  /** The layer names in order (`--layers`); default: the config's Dense layers, or the file's. */
  layers?: readonly string[];
  /** false: `--no-bias`, a bias present is then an error. */
  bias: boolean;
  /** `--weight-layout` if given: Keras kernels are [in, out], so only "in-out" is accepted. */
  layout?: "out-in" | "in-out";
}

const FLOAT_DTYPES = /^[<>=|]?f[248]$/;
const TF2ONNX = "a model of Dense layers (and Activation, Dropout, Flatten); for other models export ONNX, e.g. with tf2onnx";

/** True if the zip `bytes` hold a Keras 3 model (a model.weights.h5 entry). */
export function isKerasZip(bytes: Uint8Array, source: string): boolean {
  return readZipDirectory(bytes, source).some((e) => e.name === "model.weights.h5");
}

/**
 * The Dense layers of a Keras model as WeightLayers: a Keras 2 .h5 (`model.save` or
 * `save_weights`), a Keras 3 `.weights.h5` (`container: "h5"`), or a Keras 3 `.keras` zip
 * (`container: "zip"`: config.json and model.weights.h5). Kernels are [in, out]. With a model
 * config each layer carries the activation it names; a layer that is not Dense (Conv2D,
 * BatchNormalization, ...) is an error naming it and its kernel's shape.
 */
export function readKerasLayers(bytes: Uint8Array, container: "h5" | "zip", source: string, o: KerasOptions): WeightLayer[] {
  if (o.layout === "out-in") {
    throw inputError(source, "--weight-layout", "out-in given for a Keras model, whose kernels are [in, out]", "no --weight-layout, or in-out", "E_USAGE");
  }
  let weights: KerasWeights;
  let configBytes: Uint8Array | undefined;
  let configPlace = "model_config";
  if (container === "zip") {
    const entries = readZipDirectory(bytes, source);
    const h5 = entries.find((e) => e.name === "model.weights.h5");
    if (!h5) throw inputError(source, "", "a zip without model.weights.h5", "a Keras 3 .keras file", "E_KERAS");
    weights = openKerasWeights(readZipEntry(bytes, h5, source), `${source}: model.weights.h5`);
    const config = entries.find((e) => e.name === "config.json");
    configBytes = config ? readZipEntry(bytes, config, source) : undefined;
    configPlace = "config.json";
  } else {
    weights = openKerasWeights(bytes, source);
    configBytes = weights.configText === undefined ? undefined : new TextEncoder().encode(weights.configText);
  }
  const steps: KerasStep[] = configBytes === undefined
    ? weights.layerNames.map((name) => ({ kind: "dense", name, activation: undefined }))
    : kerasSteps(kerasConfigLayers(parseJson(configBytes, `${source}: ${configPlace}`, "a Keras model config"), source, configPlace), source);
  for (const step of steps) {
    if (step.kind === "other") {
      const w = weights.layerNames.includes(step.name) ? weights.weightsOf(step.name) : [];
      const shapes = w.map((x) => `[${x.dataset.shape.join(", ")}]`);
      const held = w.length === 0 ? "no weights" : w[0]!.dataset.shape.length >= 2 ? `kernel ${shapes[0]}` : `weights ${shapes.join(", ")}`;
      throw inputError(source, `layer '${step.name}'`, `is ${step.className} (${held}), which the dense path cannot run`, TF2ONNX, "E_KERAS");
    }
  }
  const dense = steps as Extract<KerasStep, { kind: "dense" }>[];
  let chosen = dense;
  if (o.layers) {
    chosen = o.layers.map((name) => {
      const found = dense.find((s) => s.name === name);
      if (!found) throw inputError(source, `--layers: ${name}`, "not found", `one of ${dense.map((s) => s.name).join(", ")}`, "E_KEY");
      return found;
    });
  }
  if (chosen.length === 0) throw inputError(source, "", "no Dense layer with weights", TF2ONNX, "E_KERAS");
  return chosen.map((step) => {
    const w = weights.layerNames.includes(step.name) ? weights.weightsOf(step.name) : [];
    const built = denseLayer(step.name, w, source, o);
    return step.activation === undefined ? built : { ...built, activation: step.activation };
  });
}

/** A Dense layer from its weights: kernel [in, out] and an optional bias [out]. */
function denseLayer(name: string, w: readonly KerasWeight[], source: string, o: KerasOptions): WeightLayer {
  if (w.length === 0 || w.length > 2 || w[0]!.dataset.shape.length !== 2 || (w[1] && w[1].dataset.shape.length !== 1)) {
    const held = w.length === 0 ? "no weights" : `weights ${w.map((x) => `${x.label} [${x.dataset.shape.join(", ")}]`).join(", ")}`;
    throw inputError(source, `layer '${name}'`, `holds ${held}`, `a Dense layer: a kernel [in, out] and a bias [out]; ${TF2ONNX}`, "E_KERAS");
  }
  const kernel = floatTensor(w[0]!, source);
  const [inputs, outputs] = kernel.shape as [number, number];
  const weightLabel = `${w[0]!.label} is ${inputs}x${outputs} [in, out]`;
  if (inputs === 0 || outputs === 0) throw inputError(source, w[0]!.label, `is ${inputs}x${outputs}`, "at least one input and one output", "E_SHAPE");
  const weight = transposeWeight(kernel.data, inputs, outputs);
  if (!w[1]) return { name, inputs, outputs, weight, bias: null, weightLabel };
  if (!o.bias) throw inputError(source, w[1].label, "is present but --no-bias says the model has none", "no bias tensors with --no-bias, or drop --no-bias", "E_BIAS");
  const bias = floatTensor(w[1], source);
  if (bias.shape[0] !== outputs) {
    throw inputError(source, w[1].label, `has shape [${bias.shape.join(", ")}] but ${weightLabel} (${counted(outputs, "output")})`, `[${outputs}]`, "E_SHAPE");
  }
  return { name, inputs, outputs, weight, bias: Float64Array.from(bias.data), weightLabel };
}

function floatTensor(w: KerasWeight, source: string): Tensor {
  if (!FLOAT_DTYPES.test(w.dataset.dtype)) {
    throw inputError(source, w.label, `dtype ${w.dataset.dtype} is not supported for weights`, "f16, f32 or f64", "E_DTYPE");
  }
  return w.dataset.read();
}
