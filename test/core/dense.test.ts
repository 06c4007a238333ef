import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DENSE_BLOCK_ROWS, denseForward, softmaxRows, transposeWeight, type DenseLayer } from "../../src/core/dense.js";

const relu = (v: number) => Math.max(0, v);

/** y = f(x·Wᵀ + b) by plain loops over nested arrays: the relation denseForward must meet. */
function naive(x: number[], rows: number, layers: DenseLayer[]): number[] {
  let cur = x;
  for (const l of layers) {
    const next: number[] = [];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < l.outputs; j++) {
        let s = 0;
        for (let k = 0; k < l.inputs; k++) s += cur[i * l.inputs + k]! * l.weight[j * l.inputs + k]!;
        s += l.bias ? l.bias[j]! : 0;
        next.push(l.f ? l.f(s) : s);
      }
    }
    cur = next;
  }
  return cur;
}

function layer(inputs: number, outputs: number, seed: number, f: DenseLayer["f"] = relu, bias = true): DenseLayer {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return { inputs, outputs, weight: Float64Array.from({ length: inputs * outputs }, rnd), bias: bias ? Float64Array.from({ length: outputs }, rnd) : null, f };
}

describe("denseForward(x, rows, layers, upTo, dtype)", () => {
  it("denseForward(x, 1, [2x3 layer]) computes relu(x·Wᵀ + b) by hand", () => {
    const l: DenseLayer = { inputs: 3, outputs: 2, weight: Float64Array.of(1, -1, 0.5, 0.25, 2, -1), bias: Float64Array.of(0.5, -0.25), f: relu };
    // [1, 2, 3]: 1 - 2 + 1.5 + 0.5 = 1; 0.25 + 4 - 3 - 0.25 = 1; [3, 0, 1]: 3 + 0.5 + 0.5 = 4, 0.75 - 1 - 0.25 = -0.5 -> 0
    expect(Array.from(denseForward(Float64Array.of(1, 2, 3, 3, 0, 1), 2, [l]))).toEqual([1, 1, 4, 0]);
  });

  it.each([0, 1, 3, 4, 5, DENSE_BLOCK_ROWS - 1, DENSE_BLOCK_ROWS, DENSE_BLOCK_ROWS + 3, 2 * DENSE_BLOCK_ROWS + 7])(
    "denseForward(x, %i rows, 3 layers) equals plain loops across block boundaries",
    (rows) => {
      const layers = [layer(7, 5, 1), layer(5, 6, 2, Math.tanh), layer(6, 3, 3, null, false)];
      const x = Float64Array.from({ length: rows * 7 }, (_, i) => Math.sin(i));
      const got = denseForward(x, rows, layers);
      const want = naive(Array.from(x), rows, layers);
      expect(got.length).toBe(rows * 3);
      got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(want[i]!))));
    },
  );

  it("denseForward(..., upTo) is the output of that layer alone", () => {
    const layers = [layer(4, 3, 5), layer(3, 2, 6)];
    const x = Float64Array.from({ length: 20 }, (_, i) => i / 7 - 1);
    expect(Array.from(denseForward(x, 5, layers, 0))).toEqual(Array.from(denseForward(x, 5, [layers[0]!])));
  });

  it("denseForward does not mutate its input or its layers", () => {
    const layers = [layer(4, 3, 7)];
    const x = Float32Array.from({ length: 8 }, (_, i) => i - 3.5);
    const before = [Array.from(x), Array.from(layers[0]!.weight), Array.from(layers[0]!.bias!)];
    denseForward(x, 2, layers, 0, "f32");
    denseForward(x, 2, layers);
    expect([Array.from(x), Array.from(layers[0]!.weight), Array.from(layers[0]!.bias!)]).toEqual(before);
  });

  it("denseForward(..., 'f32') gives float32 values, within float32 rounding of float64", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 12, maxLength: 12 }), (xs) => {
        const layers = [layer(4, 6, 11), layer(6, 2, 12, null)];
        const x = Float64Array.from(xs.map(Math.fround));
        const f32 = denseForward(x, 3, layers, 1, "f32");
        const f64 = denseForward(x, 3, layers.map((l) => ({ ...l, weight: l.weight.map(Math.fround), bias: l.bias!.map(Math.fround) })), 1, "f64");
        f32.forEach((v, i) => {
          expect(Math.fround(v)).toBe(v);
          expect(Math.abs(v - f64[i]!)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(f64[i]!)));
        });
      }),
    );
  });

  it("denseForward throws RangeError naming both numbers when the shapes do not chain", () => {
    expect(() => denseForward(new Float64Array(6), 2, [layer(4, 2, 1)])).toThrow(new RangeError("input has 6 values, not 2 rows of 4 features"));
    expect(() => denseForward(new Float64Array(8), 2, [layer(4, 3, 1), layer(2, 1, 2)])).toThrow(new RangeError("layer 1 is 1x2 (2 inputs) but layer 0 has 3 outputs"));
    expect(() => denseForward(new Float64Array(8), 2, [layer(4, 3, 1)], 1)).toThrow(RangeError);
  });
});

describe("transposeWeight and softmaxRows", () => {
  it("transposeWeight([in, out]) is the [out, in] layout: the same denseForward", () => {
    const l = layer(3, 4, 9);
    const keras = new Float64Array(12);
    for (let j = 0; j < 4; j++) for (let i = 0; i < 3; i++) keras[i * 4 + j] = l.weight[j * 3 + i]!;
    expect(Array.from(transposeWeight(keras, 3, 4))).toEqual(Array.from(l.weight));
  });

  it("softmaxRows(m) rows are positive, sum to 1, keep the order, and survive huge logits", () => {
    const m = softmaxRows(Float64Array.of(1, 2, 3, 1000, 1000, -1000), 3);
    expect(m[0]! + m[1]! + m[2]!).toBeCloseTo(1, 15);
    expect(m[0]! < m[1]! && m[1]! < m[2]!).toBe(true);
    expect(Array.from(m.subarray(3))).toEqual([0.5, 0.5, 0]);
  });
});
