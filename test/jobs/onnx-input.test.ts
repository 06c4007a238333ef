import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { onnxInput } from "../../src/jobs/onnx/onnx-input.js";

const tensor = (shape: number[]) => ({ shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)), dtype: "<f4" });

describe("onnxInput(x, name, graphShape, source)", () => {
  it("onnxInput([5, 1, 8, 8], [N, 1, 8, 8]) feeds 5 samples of [1, 8, 8] in batches of any size", () => {
    expect(onnxInput(tensor([5, 1, 8, 8]), "x", ["N", 1, 8, 8], "x.npy")).toMatchObject({ rows: 5, sample: [1, 8, 8], batch: null });
  });

  it("onnxInput([5, 64], [N, 1, 8, 8]) reads each row as one [1, 8, 8] sample (the same count of values)", () => {
    expect(onnxInput(tensor([5, 64]), "x", ["N", 1, 8, 8], "x.npy")).toMatchObject({ rows: 5, sample: [1, 8, 8] });
  });

  it("onnxInput([5, 7, 16], [N, T, 16]) takes a symbolic or negative dim from the input", () => {
    expect(onnxInput(tensor([5, 7, 16]), "x", ["N", "T", 16], "x.npy").sample).toEqual([7, 16]);
    expect(onnxInput(tensor([5, 7, 16]), "x", [-1, -1, 16], "x.npy").sample).toEqual([7, 16]);
  });

  it("onnxInput([4, 3, 2, 2], [2, 3, 2, 2]) is a fixed batch of 2; 5 samples for it are an input error", () => {
    expect(onnxInput(tensor([4, 3, 2, 2]), "x", [2, 3, 2, 2], "x.npy").batch).toBe(2);
    expect(() => onnxInput(tensor([5, 3, 2, 2]), "x", [2, 3, 2, 2], "x.npy")).toThrow("x.npy: the input has 5 samples but the graph's input 'x' is [2, 3, 2, 2], a fixed batch of 2 (expected a multiple of 2 samples)");
  });

  it("a shape the graph refuses is an input error naming both shapes; a symbolic dim offers no value count", () => {
    expect(() => onnxInput(tensor([5, 8, 16]), "x", ["N", "T", 32], "x.npy")).toThrow("x.npy: the input is [5, 8, 16] but the graph's input 'x' is [N, T, 32] (expected [samples, any, 32])");
    expect(() => onnxInput(tensor([0, 64]), "x", ["N", 64], "x.npy")).toThrow(InputError);
    expect(() => onnxInput({ shape: [], data: new Float32Array(1), dtype: "<f4" }, "x", ["N", 64], "x.npy")).toThrow(/0-d/);
  });
});
