import { describe, expect, it } from "vitest";
import { alignedTable, onnxJson, onnxTable, type OnnxDescription } from "../../src/cli/layers-text.js";

// describeOnnx (src/io/onnx/describe-onnx.ts) comes from the ONNX reader's branch; its result is formatted here
const model: OnnxDescription = {
  inputs: [{ name: "x", shape: ["batch", 64], dtype: "float32" }],
  outputs: [{ name: "logits", shape: ["batch", 10], dtype: "float32" }],
  tensors: [
    { name: "fc1.weight", op: "initializer", shape: [128, 64], layer: null },
    { name: "/fc1/Gemm_output_0", op: "Gemm", shape: ["batch", 128], layer: null },
    { name: "/act/Relu_output_0", op: "Relu", shape: ["batch", 128], layer: 1 },
    { name: "logits", op: "Gemm", shape: null, layer: 2 },
    { name: "odd", op: "Reshape", shape: [null, 3], layer: null },
  ],
};

describe("onnxTable(description, source)", () => {
  it("onnxTable names the counts, the graph's inputs and outputs, then every tensor with op, shape and --layer", () => {
    const text = onnxTable(model, "mlp.onnx");
    const lines = text.split("\n");
    expect(lines[0]).toBe("mlp.onnx: onnx, 1 input, 1 output, 5 tensors, 2 activation layers");
    expect(lines).toContain("input   x       [batch, 64]  float32");
    expect(lines).toContain("output  logits  [batch, 10]  float32");
    const tensorHead = lines.findIndex((l) => l.startsWith("TENSOR"));
    expect(lines.slice(tensorHead, tensorHead + 6)).toEqual([
      "TENSOR              OP           SHAPE         --layer",
      "fc1.weight          initializer  [128, 64]",
      "/fc1/Gemm_output_0  Gemm         [batch, 128]",
      "/act/Relu_output_0  Relu         [batch, 128]  1",
      "logits              Gemm         ?             2",
      "odd                 Reshape      [?, 3]",
    ]);
  });

  it("onnxJson keeps the description as is, with source and format", () => {
    expect(JSON.parse(onnxJson(model, "mlp.onnx"))).toEqual({ source: "mlp.onnx", format: "onnx", ...model });
  });
});

describe("alignedTable(head, rows)", () => {
  it("alignedTable pads every column but the last to its widest cell, two spaces apart, no trailing spaces", () => {
    expect(alignedTable(["A", "BB", "C"], [["xxx", "y", ""], ["z", "", "w"]])).toBe("A    BB  C\nxxx  y\nz        w\n");
  });
});
