import type { Params } from "../../core/activations/index.js";
import type { OnnxNode } from "./read-onnx-graph.js";

/** ONNX activation ops and the catalogue function each computes (for `--layer N` and saturation). */
const OPS: Record<string, (attr: (name: string) => number | string | undefined) => { name: string; params: Params }> = {
  Relu: () => ({ name: "relu", params: {} }),
  LeakyRelu: (a) => ({ name: "leaky_relu", params: { negative_slope: num(a("alpha"), 0.01) } }),
  PRelu: () => ({ name: "prelu", params: {} }), // the slope is a tensor; the range is unbounded either way
  Elu: (a) => ({ name: "elu", params: { alpha: num(a("alpha"), 1) } }),
  Selu: () => ({ name: "selu", params: {} }),
  Celu: (a) => ({ name: "celu", params: { alpha: num(a("alpha"), 1) } }),
  ThresholdedRelu: (a) => ({ name: "thresholded_relu", params: { theta: num(a("alpha"), 1) } }),
  Sigmoid: () => ({ name: "sigmoid", params: {} }),
  HardSigmoid: () => ({ name: "hardsigmoid", params: {} }), // [0, 1] whatever alpha and beta are
  Tanh: () => ({ name: "tanh", params: {} }),
  Softplus: () => ({ name: "softplus", params: {} }),
  Softsign: () => ({ name: "softsign", params: {} }),
  HardSwish: () => ({ name: "hardswish", params: {} }),
  Mish: () => ({ name: "mish", params: {} }),
  Gelu: (a) => ({ name: "gelu", params: { approximate: a("approximate") === "tanh" ? "tanh" : "none" } }),
};

const num = (v: number | string | undefined, fallback: number): number => (typeof v === "number" ? v : fallback);

/** The names of the ONNX ops counted as activations, in the order the README lists them. */
export const ACTIVATION_OPS: readonly string[] = Object.keys(OPS);

/** The catalogue function a node of the default domain computes, or null when it is no activation op. */
export function activationOf(node: OnnxNode): { name: string; params: Params } | null {
  if (node.domain !== "" && node.domain !== "ai.onnx") return null;
  const make = OPS[node.opType];
  if (!make) return null;
  return make((name) => {
    const at = node.attributes.find((x) => x.name === name);
    return at?.float ?? at?.int ?? at?.string;
  });
}
