import type { OnnxDescription, OnnxShape } from "./describe-onnx.js";

const shapeText = (s: OnnxShape | null) => (s === null ? "-" : `[${s.map((d) => d ?? "?").join(", ")}]`);

/**
 * `actviz layers model.onnx` for people: the graph's inputs and outputs, then every computed
 * tensor in graph order with its op and static shape ("-" when the model does not declare it),
 * activation outputs marked with their `--layer N`. Columns padded; one line per tensor.
 */
export function formatOnnxLayers(d: OnnxDescription, source: string): string {
  const rows: string[][] = [
    ...d.inputs.map((v) => ["input", v.name, v.dtype ?? "-", shapeText(v.shape)]),
    ...d.outputs.map((v) => ["output", v.name, v.dtype ?? "-", shapeText(v.shape)]),
  ];
  const table: string[][] = [["--layer", "tensor", "op", "shape"], ...d.tensors.map((t) => [t.layer === null ? "" : String(t.layer), t.name, t.op, shapeText(t.shape)])];
  const pad = (lines: string[][]) => {
    const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
    return lines.map((l) => l.map((cell, c) => (c === l.length - 1 ? cell : cell.padEnd(widths[c]!))).join("  ").trimEnd());
  };
  const layers = d.tensors.filter((t) => t.layer !== null).length;
  return [
    `${source}: ONNX model, opset ${d.opset}, ${d.tensors.length} tensors, ${layers} activation outputs${layers > 0 ? ` (--layer 1-${layers})` : ""}`,
    ...pad(rows),
    "",
    ...pad(table),
  ].join("\n") + "\n";
}
