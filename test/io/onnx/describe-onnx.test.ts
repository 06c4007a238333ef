import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.js";
import { addGraphOutputs } from "../../../src/io/onnx/add-graph-outputs.js";
import { describeOnnx } from "../../../src/io/onnx/describe-onnx.js";
import { formatOnnxLayers } from "../../../src/io/onnx/format-onnx-layers.js";
import { readOnnxGraph } from "../../../src/io/onnx/read-onnx-graph.js";
import { fixture } from "../fixture.js";
import { encode, node, tensorInfo, type Field } from "./protobuf.js";

const cnn = fixture("examples/digits-cnn.onnx");

// x -> Conv -> LeakyRelu(alpha 0.2) -> Sigmoid -> Dropout (its optional mask left out) -> Tanh of a custom domain
const graph: Field[] = [
  [1, node("Conv", ["x", "W"], ["c"])],
  [1, node("LeakyRelu", ["c"], ["a"], [[[1, "alpha"], [2, { float: 0.2 }], [20, 1]]])],
  [1, node("Sigmoid", ["a"], ["s"])],
  [1, node("Dropout", ["s"], ["d", ""])],
  [1, [...node("Tanh", ["d"], ["t"]), [7, "com.example"]]],
  [2, "small"],
  [5, [[1, 2], [8, "W"], [9, new Uint8Array(16)]]], // an initializer: dims, name, raw data
  [11, tensorInfo("x", ["N", 3, 4, 4])],
  [11, tensorInfo("W", [2, 3, 1, 1])], // IR < 4 lists initializers as inputs too
  [12, tensorInfo("t", ["N", 2, 4, 4])],
  [13, tensorInfo("c", ["N", 2, 4, 4])],
  [13, tensorInfo("a", ["N", 2, 4, 4])],
];
const small = encode([[1, 7], [2, "test"], [7, graph], [8, [[1, ""], [2, 13]]], [8, [[1, "com.example"], [2, 1]]]]);

describe("describeOnnx(bytes, source)", () => {
  it("describeOnnx(the digits CNN) lists its input, output and every computed tensor in graph order, the Relu outputs as layers 1-3", () => {
    const d = describeOnnx(cnn, "cnn.onnx");
    expect(d.inputs).toEqual([{ name: "digits", shape: ["N", 1, 8, 8], dtype: "float32" }]);
    expect(d.outputs).toEqual([{ name: "logits", shape: ["N", 10], dtype: "float32" }]);
    expect(d.opset).toBe(17);
    expect(d.tensors.map((t) => [t.name, t.op, t.layer])).toEqual([
      ["/conv1/Conv_output_0", "Conv", null],
      ["/relu1/Relu_output_0", "Relu", 1],
      ["/conv2/Conv_output_0", "Conv", null],
      ["/relu2/Relu_output_0", "Relu", 2],
      ["/pool/MaxPool_output_0", "MaxPool", null],
      ["/Flatten_output_0", "Flatten", null],
      ["/fc1/Gemm_output_0", "Gemm", null],
      ["/relu3/Relu_output_0", "Relu", 3],
      ["logits", "Gemm", null],
    ]);
    // torch.onnx.export declares no intermediate shapes; the graph's output has one
    expect(d.tensors.at(-1)!.shape).toEqual(["N", 10]);
    expect(d.tensors[0]!.shape).toBeNull();
  });

  it("describeOnnx(model) leaves initializers out of the inputs and empty optional outputs out of the tensors, takes shapes from value_info, and numbers only default-domain activation ops", () => {
    const d = describeOnnx(small, "small.onnx");
    expect(d.inputs).toEqual([{ name: "x", shape: ["N", 3, 4, 4], dtype: "float32" }]);
    expect(d.tensors.map((t) => [t.name, t.op, t.shape, t.layer])).toEqual([
      ["c", "Conv", ["N", 2, 4, 4], null],
      ["a", "LeakyRelu", ["N", 2, 4, 4], 1],
      ["s", "Sigmoid", null, 2],
      ["d", "Dropout", null, null],
      ["t", "Tanh", ["N", 2, 4, 4], null],
    ]);
    expect(d.opset).toBe(13);
  });

  it("describeOnnx(model) maps an activation op's attributes to the catalogue's parameters (LeakyRelu alpha -> leaky_relu negative_slope)", () => {
    const [, a, s] = describeOnnx(small, "small.onnx").tensors;
    expect(a!.activation!.name).toBe("leaky_relu");
    expect(a!.activation!.params.negative_slope).toBeCloseTo(0.2, 7);
    expect(s!.activation).toEqual({ name: "sigmoid", params: {} });
  });

  it("describeOnnx(addGraphOutputs(model, names)) has those names as more graph outputs and the same tensors (protobuf merges the appended graph)", () => {
    const before = describeOnnx(cnn, "cnn.onnx");
    const after = describeOnnx(addGraphOutputs(cnn, ["/relu1/Relu_output_0", "/fc1/Gemm_output_0"]), "cnn.onnx");
    expect(after.outputs.map((o) => o.name)).toEqual(["logits", "/relu1/Relu_output_0", "/fc1/Gemm_output_0"]);
    expect(after.tensors.map((t) => t.name)).toEqual(before.tensors.map((t) => t.name));
    expect(addGraphOutputs(cnn, [])).toBe(cnn);
  });

  it("describeOnnx(bytes) does not modify the bytes it reads", () => {
    const copy = Uint8Array.from(cnn);
    describeOnnx(copy, "cnn.onnx");
    addGraphOutputs(copy, ["x"]);
    expect(Buffer.from(copy).equals(Buffer.from(cnn))).toBe(true);
  });
});

describe("readOnnxGraph(bytes, source) on bad bytes", () => {
  const bad = (bytes: Uint8Array) => {
    try {
      readOnnxGraph(bytes, "m.onnx");
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return (err as InputError).message;
    }
    throw new Error("no error");
  };

  it("zero bytes are E_EMPTY", () => {
    expect(bad(new Uint8Array(0))).toBe("m.onnx: file is empty (0 bytes) (expected an ONNX model (a ModelProto, as torch.onnx.export writes))");
  });

  it("a truncated model names the byte offset where a length runs past the end", () => {
    expect(bad(cnn.subarray(0, 1000))).toMatch(/^m\.onnx: byte 20: not a valid ONNX model: field 7: length \d+ runs past the end \(\d+ bytes left\) \(expected an ONNX model/);
  });

  it("a well-formed message without a graph, a varint past 10 bytes, a group wire type and text that is not UTF-8 are input errors", () => {
    expect(bad(encode([[1, 8]]))).toMatch(/no graph/);
    expect(bad(Uint8Array.from([0x08, ...new Array(11).fill(0xff)]))).toMatch(/byte 1: .*a varint is longer than 10 bytes/);
    expect(bad(Uint8Array.from([0x0b, 0x0c]))).toMatch(/byte 0: .*wire type 3 is not supported/);
    expect(bad(encode([[1, 8], [7, [[1, [[4, new Uint8Array([0xff, 0xfe])]]]]]]))).toMatch(/text is not UTF-8/);
  });

  it("a negative int64 (ten varint bytes) reads as its value: a dim of -1 is kept as -1", () => {
    const g = readOnnxGraph(encode([[1, 8], [7, [[11, tensorInfo("x", [-1, 3])]]]]), "m.onnx");
    expect(g.inputs[0]!.shape).toEqual([-1, 3]);
  });
});

describe("formatOnnxLayers(description, source)", () => {
  it("formatOnnxLayers(small) lists inputs and outputs, then one padded line per tensor: its --layer N when it is an activation output, op, shape or -", () => {
    expect(formatOnnxLayers(describeOnnx(small, "small.onnx"), "small.onnx")).toBe(
      [
        "small.onnx: ONNX model, opset 13, 5 tensors, 2 activation outputs (--layer 1-2)",
        "input   x  float32  [N, 3, 4, 4]",
        "output  t  float32  [N, 2, 4, 4]",
        "",
        "--layer  tensor  op         shape",
        "         c       Conv       [N, 2, 4, 4]",
        "1        a       LeakyRelu  [N, 2, 4, 4]",
        "2        s       Sigmoid    -",
        "         d       Dropout    -",
        "         t       Tanh       [N, 2, 4, 4]",
        "",
      ].join("\n"),
    );
  });
});
