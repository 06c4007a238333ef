import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DENSE_BLOCK_ROWS, denseBackend, denseForward, denseForwardAsync, denseHelperRows, denseHelperStalls, denseThreads, softmaxRows, transposeWeight, type DenseLayer } from "../../src/core/dense/dense.js";
import { DENSE_KERNEL_WASM } from "../../src/core/dense/dense-kernel-wasm.js";
// @ts-expect-error: a plain .mjs build script, no types
import { assembleDenseKernel, kernelModuleSource } from "../../src/core/dense/dense-kernel.build.mjs";

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

describe("the WebAssembly SIMD kernel and the JS loops", () => {
  it("the committed src/core/dense/dense-kernel-wasm.ts is what wabt assembles from dense-kernel.wat", async () => {
    const bytes: Uint8Array = await assembleDenseKernel();
    expect(DENSE_KERNEL_WASM).toBe(Buffer.from(bytes).toString("base64"));
    expect(readFileSync("src/core/dense/dense-kernel-wasm.ts", "utf8")).toBe(kernelModuleSource(bytes));
  });

  it("Node 20 has WebAssembly SIMD, so denseForward runs the kernel by default", () => {
    expect(denseBackend()).toBe("wasm-simd");
  });

  // odd and even widths (the kernel pads k to a multiple of 4 and tiles 4 rows x 2 outputs), row
  // counts around the tile and block sizes, with and without bias, k split in chunks or not
  it.each([
    [[7, 5, 6, 3], 0], [[7, 5, 6, 3], 1], [[7, 5, 6, 3], 5], [[1, 1], 3], [[4, 2], 4], [[3, 1, 2], 6],
    [[64, 32, 16, 10], 2 * DENSE_BLOCK_ROWS + 7], [[130, 33, 9], DENSE_BLOCK_ROWS + 3], [[8, 70, 2], 9],
    [[1030, 6, 3], 9], [[2100, 3], 5], // wider than one k chunk (1024 f64, 2048 f32): sums carried across chunks
  ])("sizes %j, %i rows: wasm equals the JS loops (f64 within 1e-12, f32 within 1e-4 of the layer scale, f32 values float32)", (sizes, rows) => {
    const layers = sizes.slice(1).map((o, i) => layer(sizes[i]!, o, 20 + i, i % 2 ? Math.tanh : relu, i !== 1));
    const x = Float64Array.from({ length: rows * sizes[0]! }, (_, i) => Math.cos(i * 0.7) * 2);
    for (const dtype of ["f64", "f32"] as const) {
      for (let upTo = 0; upTo < layers.length; upTo++) {
        try {
          denseBackend("js");
          const js = denseForward(x, rows, layers, upTo, dtype);
          expect(denseBackend("wasm-simd")).toBe("wasm-simd");
          const wasm = denseForward(x, rows, layers, upTo, dtype);
          expect(wasm.length).toBe(js.length);
          // f32: the two sum in different orders, each rounding every step (about 1e-5 apart over 130
          // terms): compare within 1e-4 of the layer scale; the NumPy float32 reference holds both to 1e-5
          const scale = dtype === "f64" ? 0 : Math.max(1, ...js.map(Math.abs));
          const over = wasm.findIndex((v, i) => !(Math.abs(v - js[i]!) <= (dtype === "f64" ? 1e-12 * (1 + Math.abs(js[i]!)) : 1e-4 * scale)));
          expect(over === -1 ? "all within" : `${wasm[over]} vs ${js[over]} at ${over}`).toBe("all within");
          if (dtype === "f32") expect(wasm.every((v) => Math.fround(v) === v)).toBe(true);
        } finally {
          denseBackend("wasm-simd");
        }
      }
    }
  });

  it("with the helper thread (2 threads share the row blocks) the results are the same bits as one thread", async () => {
    const layers = [layer(70, 33, 41), layer(33, 9, 42, Math.tanh, false)];
    const rows = 5 * DENSE_BLOCK_ROWS + 3; // an odd number of blocks, the last one short
    const x = Float64Array.from({ length: rows * 70 }, (_, i) => Math.sin(i * 0.13));
    try {
      denseBackend("wasm-simd", Infinity);
      const one = [denseForward(x, rows, layers), denseForward(x, rows, layers, 1, "f32"), denseForward(x, rows, layers, 0)];
      denseBackend("wasm-simd", 0); // every pass of more than one block may use the helper
      // starts it in the background: this pass's rounds run on one thread until it is up
      expect(Array.from(denseForward(x, rows, layers))).toEqual(Array.from(one[0]!));
      for (let i = 0; i < 200 && denseThreads() < 2; i++) await new Promise((r) => setTimeout(r, 25));
      expect(denseThreads()).toBe(2);
      const before = denseHelperRows();
      // threads 2: the helper takes its blocks whatever the timing ("auto" may keep them on one thread)
      const two = [denseForward(x, rows, layers, 1, "f64", 2), denseForward(x, rows, layers, 1, "f32", 2), denseForward(x, rows, layers, 0, "f64", 2)];
      two.forEach((t, i) => expect(Array.from(t)).toEqual(Array.from(one[i]!)));
      // rounds of 2 blocks: blocks 1, 3 and 5 (of 0-5; the last has 3 rows) are the helper's, in each of the 3 passes
      expect(denseHelperRows() - before).toBe(3 * (2 * DENSE_BLOCK_ROWS + 3));
    } finally {
      denseBackend("wasm-simd", null, 0);
    }
  });

  it("a helper that comes up during a pass joins it at a round boundary: the same bits as one thread", async () => {
    const layers = [layer(70, 33, 51), layer(33, 9, 52, Math.tanh, false), layer(9, 4, 53)];
    const rows = 9 * DENSE_BLOCK_ROWS + 5;
    const x = Float64Array.from({ length: rows * 70 }, (_, i) => Math.cos(i * 0.29));
    try {
      denseBackend("wasm-simd", Infinity);
      const one = (["f64", "f32"] as const).map((d) => denseForward(x, rows, layers, 2, d));
      denseBackend("wasm-simd", 0);
      denseForward(x.subarray(0, 2 * DENSE_BLOCK_ROWS * 70), 2 * DENSE_BLOCK_ROWS, layers.slice(0, 1)); // starts the helper if no test has
      for (let i = 0; i < 200 && denseThreads() < 2; i++) await new Promise((r) => setTimeout(r, 25));
      expect(denseThreads()).toBe(2);
      for (const fromRound of [1, 3, 4]) {
        denseBackend("wasm-simd", 0, fromRound); // as if the helper came up during round fromRound - 1
        const before = denseHelperRows();
        const two = (["f64", "f32"] as const).map((d) => denseForward(x, rows, layers, 2, d, 2));
        two.forEach((t, i) => expect(Array.from(t)).toEqual(Array.from(one[i]!)));
        // blocks 0 to fromRound - 1 (of 0-9; the last has 5 rows) on the main thread, one per round,
        // then rounds of two blocks, the second of each the helper's
        let helped = 0;
        for (let b = fromRound + 1; b < 10; b += 2) helped += Math.min(DENSE_BLOCK_ROWS, rows - b * DENSE_BLOCK_ROWS);
        expect(denseHelperRows() - before).toBe(2 * helped);
      }
    } finally {
      denseBackend("wasm-simd", null, 0);
    }
  });

  it("threads 1 never uses the helper, even when it is up: the same bits, no rows on the helper", async () => {
    const layers = [layer(70, 33, 61), layer(33, 9, 62, Math.tanh, false)];
    const rows = 4 * DENSE_BLOCK_ROWS + 1;
    const x = Float64Array.from({ length: rows * 70 }, (_, i) => Math.sin(i * 0.17));
    try {
      denseBackend("wasm-simd", 0);
      denseForward(x, rows, layers, 1, "f64", 2); // starts the helper if no test has
      for (let i = 0; i < 200 && denseThreads() < 2; i++) await new Promise((r) => setTimeout(r, 25));
      expect(denseThreads()).toBe(2);
      const before = denseHelperRows();
      const solo = denseForward(x, rows, layers, 1, "f64", 1);
      expect(denseHelperRows() - before).toBe(0);
      expect(Array.from(solo)).toEqual(Array.from(denseForward(x, rows, layers, 1, "f64", 2)));
      expect(denseHelperRows() - before).toBeGreaterThan(0);
    } finally {
      denseBackend("wasm-simd", null, 0);
    }
  });

  it("threads auto takes back the blocks of a helper that has not started them (kept off its core): the same bits, none computed by the helper", async () => {
    const layers = [layer(70, 33, 81), layer(33, 9, 82, Math.tanh, false)];
    const rows = 8 * DENSE_BLOCK_ROWS;
    const x = Float64Array.from({ length: rows * 70 }, (_, i) => Math.sin(i * 0.23));
    try {
      denseBackend("wasm-simd", 0);
      const one = denseForward(x, rows, layers, 1, "f64", 1);
      denseForward(x, rows, layers, 1, "f64", 2); // starts the helper if no test has
      for (let i = 0; i < 200 && denseThreads() < 2; i++) await new Promise((r) => setTimeout(r, 25));
      // a stall below the 250 ms after which a helper is given up as dead
      expect(denseHelperStalls(150)).toBe(true);
      const before = denseHelperRows();
      const auto = denseForward(x, rows, layers, 1, "f64", "auto");
      expect(Array.from(auto)).toEqual(Array.from(one));
      expect(denseHelperRows()).toBe(before);
      // taken back, not given up: the helper is still there
      expect(denseThreads()).toBe(2);
    } finally {
      denseHelperStalls(0);
      denseBackend("wasm-simd", null, 0);
    }
  });

  it("a layer marked relu gets the kernel's SIMD ReLU: the same bits as calling relu per value, NaN and -0 included, f64 and f32", () => {
    const jsRelu = (v: number) => (v < 0 ? 0 : v); // the catalogue's relu
    // 7 outputs: the padding columns of the block must stay out of the result
    const plain = [layer(9, 7, 41, jsRelu), layer(7, 5, 42, jsRelu), layer(5, 3, 43, null)];
    const marked = plain.map((l) => ({ ...l, relu: l.f !== null }));
    const rows = 301;
    const x = Float64Array.from({ length: rows * 9 }, (_, i) => (i % 97 === 0 ? NaN : i % 89 === 0 ? -0 : Math.cos(i * 0.61) * 3));
    for (const dtype of ["f64", "f32"] as const) {
      for (const upTo of [0, 1, 2]) {
        const a = denseForward(x, rows, plain, upTo, dtype);
        const b = denseForward(x, rows, marked, upTo, dtype);
        expect(b.some(Number.isNaN)).toBe(true);
        expect(Array.from(b).map((v) => (Object.is(v, -0) ? "-0" : v))).toEqual(Array.from(a).map((v) => (Object.is(v, -0) ? "-0" : v)));
      }
    }
  });

  it("a 784-128-10 network: wasm and the JS loops agree on 37 rows (f64 within 1e-12 relative)", () => {
    const layers = [layer(784, 128, 31), layer(128, 10, 32, null)];
    const x = Float64Array.from({ length: 37 * 784 }, (_, i) => Math.sin(i * 0.37));
    denseBackend("js");
    const js = denseForward(x, 37, layers);
    denseBackend("wasm-simd");
    const wasm = denseForward(x, 37, layers);
    const scale = Math.max(...js.map(Math.abs));
    wasm.forEach((v, i) => expect(Math.abs(v - js[i]!)).toBeLessThanOrEqual(1e-12 * scale));
  });
});

describe("denseForwardAsync(x, rows, layers, upTo, dtype, onProgress)", () => {
  const layers = [layer(70, 33, 61), layer(33, 9, 62, Math.tanh, false)];
  const rows = 7 * DENSE_BLOCK_ROWS + 11;
  const x = Float64Array.from({ length: rows * 70 }, (_, i) => Math.sin(i * 0.21));

  it("gives the same bits as denseForward on the kernel, with the helper, and on the JS loops, f64 and f32", async () => {
    try {
      for (const [use, helperFrom] of [["wasm-simd", Infinity], ["wasm-simd", 0], ["js", null]] as const) {
        denseBackend(use, helperFrom);
        for (const dtype of ["f64", "f32"] as const) {
          expect(Array.from(await denseForwardAsync(x, rows, layers, 1, dtype))).toEqual(Array.from(denseForward(x, rows, layers, 1, dtype)));
        }
      }
    } finally {
      denseBackend("wasm-simd", null);
    }
  });

  it("reports the rows done after each block, rising to rows", async () => {
    const seen: number[] = [];
    await denseForwardAsync(x, rows, layers, 1, "f64", (done, total) => {
      expect(total).toBe(rows);
      seen.push(done);
    });
    expect(seen.at(-1)).toBe(rows);
    expect(seen.every((d, i) => i === 0 || d > seen[i - 1]!)).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(Math.ceil(rows / (2 * DENSE_BLOCK_ROWS)));
  });

  it("a pass started while another waits between blocks runs on the JS loops: the JS loops' bits", async () => {
    denseBackend("js");
    const js = denseForward(x, rows, layers, 1);
    denseBackend("wasm-simd");
    let inner: Float64Array | undefined;
    // the first progress call comes with the kernel held: a pass from there cannot use it
    await denseForwardAsync(x, rows, layers, 1, "f64", () => {
      inner ??= denseForward(x, rows, layers, 1);
    });
    expect(Array.from(inner!)).toEqual(Array.from(js));
    // and once the first pass is over the kernel is free again
    expect(Array.from(denseForward(x, rows, layers, 1))).toEqual(Array.from(await denseForwardAsync(x, rows, layers, 1)));
  });

  it("throws (rejects) RangeError for shapes that do not chain, like denseForward", async () => {
    await expect(denseForwardAsync(x, rows - 1, layers)).rejects.toThrow(RangeError);
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
