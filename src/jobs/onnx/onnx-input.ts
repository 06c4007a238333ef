import { InputError } from "../../errors.js";
import type { OnnxShape } from "../../io/onnx/describe-onnx.js";
import type { Tensor } from "../../io/tensor.js";

/** The input as the graph takes it: samples, and the dims of one sample. */
export interface OnnxInput {
  rows: number;
  /** One sample's dims as fed ([1, 8, 8]). */
  sample: number[];
  /** The input's values, row-major, samples first. */
  data: Float32Array | Float64Array;
  /** A fixed batch size when the graph's first dim is a number (a model exported for batch 1), else null. */
  batch: number | null;
  /** The graph's declared input shape ("[N, 1, 8, 8]", "[?]" for an undeclared one), for messages. */
  declared: string;
}

const show = (shape: readonly (number | string | null)[]) => `[${shape.map((d) => d ?? "?").join(", ")}]`;

/**
 * Matches the input tensor [samples, ...] to the graph's input: axis 0 is samples, the rest is
 * one sample. The same dims, or, when every dim of a sample is fixed, any shape with as many
 * values per sample (a [397, 64] file feeds a [N, 1, 8, 8] graph, each row read in C order).
 * Symbolic dims (a sequence length) take the input's. InputError naming both shapes otherwise.
 */
export function onnxInput(x: Tensor, name: string, graphShape: OnnxShape | null, inputSource: string): OnnxInput {
  if (x.shape.length === 0) throw new InputError(`${inputSource}: the input is 0-d (expected [samples, ...] for the graph's input '${name}')`, "E_SHAPE");
  const rows = x.shape[0]!;
  if (rows === 0) throw new InputError(`${inputSource}: the input has no samples (expected at least one)`, "E_EMPTY");
  const given = x.shape.slice(1);
  if (graphShape === null || graphShape.length === 0) return { rows, sample: given, data: x.data, batch: null, declared: graphShape === null ? "undeclared" : "[]" };
  const want = graphShape.slice(1);
  const batch = typeof graphShape[0] === "number" && graphShape[0] > 0 ? graphShape[0] : null;
  const refuse = (): never => {
    throw new InputError(`${inputSource}: the input is ${show(x.shape)} but the graph's input '${name}' is ${show(graphShape)} (expected [samples, ${want.map((d) => (typeof d === "number" ? d : "any")).join(", ")}]${fixed(want) ? `, or ${count(want)} values per sample` : ""})`, "E_SHAPE");
  };
  if (batch !== null && rows % batch !== 0) {
    throw new InputError(`${inputSource}: the input has ${rows} samples but the graph's input '${name}' is ${show(graphShape)}, a fixed batch of ${batch} (expected a multiple of ${batch} samples)`, "E_SHAPE");
  }
  const declared = show(graphShape);
  if (given.length === want.length && want.every((d, i) => typeof d !== "number" || d < 0 || d === given[i])) return { rows, sample: given, data: x.data, batch, declared };
  if (fixed(want) && count(want) === count(given)) return { rows, sample: want, data: x.data, batch, declared };
  return refuse();
}

const fixed = (dims: readonly (number | string | null)[]): dims is number[] => dims.every((d) => typeof d === "number" && d >= 0);
const count = (dims: readonly (number | string | null)[]) => dims.reduce<number>((a, d) => a * (typeof d === "number" ? d : 1), 1);
