import type { Params } from "../../core/activations/index.js";
import { activationOf } from "./activation-ops.js";
import { readOnnxGraph, type OnnxGraph, type OnnxValueInfo } from "./read-onnx-graph.js";

export type OnnxShape = (number | string | null)[];

/** One tensor a node computes, as `actviz layers` lists it and `--layer` picks it. */
export interface OnnxTensor {
  name: string;
  /** The op type of the node that computes it (Conv, Relu, ...). */
  op: string;
  /** Static dims from value_info or the graph's outputs (a symbol such as "N" for a dynamic one), else null. */
  shape: OnnxShape | null;
  /** Its `--layer N` (1-based) when an activation op computes it, else null. */
  layer: number | null;
  /** ONNX's element type name (float32, int64, ...), or null when not declared. */
  dtype: string | null;
  /** The catalogue function of an activation op (relu, sigmoid, ...), else null. */
  activation: { name: string; params: Params } | null;
}

export interface OnnxDescription {
  inputs: { name: string; shape: OnnxShape | null; dtype: string | null }[];
  outputs: { name: string; shape: OnnxShape | null; dtype: string | null }[];
  tensors: OnnxTensor[];
  opset: number;
}

const ELEM_TYPES: Record<number, string> = {
  1: "float32", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64", 8: "string", 9: "bool",
  10: "float16", 11: "float64", 12: "uint32", 13: "uint64", 14: "complex64", 15: "complex128", 16: "bfloat16",
};

/** ONNX's TensorProto.DataType as a name (float32, int64, ...); null for 0 (not declared). */
export function onnxDtype(elemType: number): string | null {
  return elemType === 0 ? null : (ELEM_TYPES[elemType] ?? `type ${elemType}`);
}

/**
 * The graph of an ONNX model's bytes as `actviz layers` lists it: its inputs (initializers left
 * out), outputs, and every tensor a node computes in graph order, with its op, static shape and,
 * for an activation op's output (Relu, Sigmoid, Tanh, ...), its `--layer N`. InputError on bad bytes.
 */
export function describeOnnx(bytes: Uint8Array, source: string): OnnxDescription {
  return describeGraph(readOnnxGraph(bytes, source));
}

/** describeOnnx of a graph already read. */
export function describeGraph(g: OnnxGraph): OnnxDescription {
  const declared = new Map<string, OnnxValueInfo>();
  for (const v of [...g.valueInfo, ...g.outputs]) if (v.name !== "" && !declared.has(v.name)) declared.set(v.name, v);
  const info = (v: OnnxValueInfo) => ({ name: v.name, shape: v.shape, dtype: onnxDtype(v.elemType) });
  const seen = new Set<string>();
  const tensors: OnnxTensor[] = [];
  let layer = 0;
  for (const node of g.nodes) {
    const activation = activationOf(node);
    node.outputs.forEach((name, i) => {
      if (name === "" || seen.has(name)) return; // an optional output left out; SSA names are unique
      seen.add(name);
      const v = declared.get(name);
      const isLayer = activation !== null && i === 0;
      tensors.push({ name, op: node.opType, shape: v?.shape ?? null, dtype: v ? onnxDtype(v.elemType) : null, layer: isLayer ? ++layer : null, activation: isLayer ? activation : null });
    });
  }
  return {
    inputs: g.inputs.filter((v) => !g.initializers.has(v.name)).map(info),
    outputs: g.outputs.map(info),
    tensors,
    opset: g.opset,
  };
}
