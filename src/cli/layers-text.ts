import type { WeightsListing } from "../io/describe-weights.js";
import { counted } from "../text/counted.js";

/**
 * What `describeOnnx(bytes, source)` (src/io/onnx/describe-onnx.ts, from the ONNX reader) returns.
 * Declared here until that module exists; the integrator replaces this with an import of its type.
 */
export interface OnnxDescription {
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  /** Every tensor of the graph: the op that makes it, its static shape (a string for a named dimension), and its `--layer N` when it is an activation output. */
  tensors: { name: string; op: string; shape: OnnxShape; layer: number | null }[];
}
export type OnnxShape = (number | string | null)[] | null;
export interface OnnxValue {
  name: string;
  shape: OnnxShape;
  dtype: string;
}

/** Columns padded to their widest cell, two spaces apart, the last one unpadded (as `actviz list`). */
export function alignedTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join("  ").trimEnd();
  return [line(head), ...rows.map(line)].join("\n") + "\n";
}

const shapeText = (shape: readonly (number | string | null)[] | null): string => (shape === null ? "?" : `[${shape.map((d) => (d === null ? "?" : String(d))).join(", ")}]`);

/** `actviz layers` for weights with named tensors or JSON: the layers a forward pass runs, then the tensors it ignores. */
export function weightsTable(l: WeightsListing): string {
  const parts: string[] = [];
  const runs = l.layers.length > 0 ? ` (neurons --weights ... --layer 1${l.layers.length > 1 ? `-${l.layers.length}` : ""})` : "";
  parts.push(`${l.source}: ${l.format}, ${counted(l.layers.length, "dense layer")}${runs}, ${counted(l.ignored.length, "tensor")} ignored\n`);
  if (l.layers.length > 0) {
    const activation = l.layers.some((r) => r.activation !== undefined);
    const head = ["LAYER", "NAME", "IN → OUT", "BIAS", "DTYPE", "WEIGHT", ...(activation ? ["ACTIVATION"] : [])];
    const rows = l.layers.map((r) => [
      String(r.number),
      r.name,
      r.inputs === null ? "-" : `${r.inputs} → ${r.outputs}`,
      r.bias ?? "none",
      r.dtype ?? "?",
      `${r.weight} ${shapeText(r.shape)}`,
      ...(activation ? [r.activation ?? "-"] : []),
    ]);
    parts.push("\n" + alignedTable(head, rows));
    const problems = l.layers.filter((r) => r.problem !== null);
    if (problems.length > 0) parts.push("\n" + problems.map((r) => `layer ${r.number} (${r.name}) cannot run: ${r.problem}\n`).join(""));
  }
  if (l.ignored.length > 0) {
    parts.push("\nIgnored:\n" + alignedTable(["TENSOR", "SHAPE", "DTYPE", "WHY"], l.ignored.map((t) => [t.name, shapeText(t.shape), t.dtype ?? "?", t.why])));
  }
  return parts.join("");
}

/** The listing as JSON (one object, two-space indent). */
export function weightsJson(l: WeightsListing): string {
  return JSON.stringify(l, null, 2) + "\n";
}

/** `actviz layers` for an ONNX model: its inputs and outputs, then every tensor with its op, static shape and `--layer N`. */
export function onnxTable(d: OnnxDescription, source: string): string {
  const layers = d.tensors.filter((t) => t.layer !== null).length;
  const parts = [`${source}: onnx, ${counted(d.inputs.length, "input")}, ${counted(d.outputs.length, "output")}, ${counted(d.tensors.length, "tensor")}, ${counted(layers, "activation layer")}\n`];
  const values = [...d.inputs.map((v) => ["input", v] as const), ...d.outputs.map((v) => ["output", v] as const)];
  parts.push("\n" + alignedTable(["GRAPH", "NAME", "SHAPE", "DTYPE"], values.map(([kind, v]) => [kind, v.name, shapeText(v.shape), v.dtype])));
  if (d.tensors.length > 0) {
    parts.push("\n" + alignedTable(["TENSOR", "OP", "SHAPE", "--layer"], d.tensors.map((t) => [t.name, t.op, shapeText(t.shape), t.layer === null ? "" : String(t.layer)])));
  }
  return parts.join("");
}

export function onnxJson(d: OnnxDescription, source: string): string {
  return JSON.stringify({ source, format: "onnx", ...d }, null, 2) + "\n";
}
