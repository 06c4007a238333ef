import type { WeightsListing } from "../io/weights/describe-weights.js";
import type { OnnxDescription } from "../io/onnx/describe-onnx.js";
import { counted } from "../text/counted.js";

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

/** `actviz layers --json` for an ONNX model: the description as it is, with its source and format. */
export function onnxJson(d: OnnxDescription, source: string): string {
  return JSON.stringify({ source, format: "onnx", ...d }, null, 2) + "\n";
}
