import { describe, expect, it } from "vitest";
import { DENSE_BLOCK_ROWS, denseBackend, denseForward, denseHelperDiesOnNextJob, denseHelperRows, denseThreads, type DenseLayer } from "../../src/core/dense/dense.js";

// A file of its own: after this test the helper thread is gone for good in this process (none is
// started again), and each test file runs in a process of its own.

const relu = (v: number) => Math.max(0, v);

function layer(inputs: number, outputs: number, seed: number, f: DenseLayer["f"] = relu, bias = true): DenseLayer {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return { inputs, outputs, weight: Float64Array.from({ length: inputs * outputs }, rnd), bias: bias ? Float64Array.from({ length: outputs }, rnd) : null, f };
}

describe("the dense helper thread's death", () => {
  it("a helper that dies in the middle of a job never leaves the pass waiting: its block is computed on the main thread, the same bits, and later passes use one thread", async () => {
    const layers = [layer(70, 33, 71), layer(33, 9, 72, Math.tanh, false), layer(9, 4, 73)];
    const rows = 6 * DENSE_BLOCK_ROWS + 9;
    const x = Float64Array.from({ length: rows * 70 }, (_, i) => Math.cos(i * 0.31));
    try {
      denseBackend("wasm-simd", Infinity);
      const one = (["f64", "f32"] as const).map((d) => denseForward(x, rows, layers, 2, d));
      denseBackend("wasm-simd", 0);
      denseForward(x, rows, layers, 2, "f64", 2); // starts the helper if no test has
      for (let i = 0; i < 200 && denseThreads() < 2; i++) await new Promise((r) => setTimeout(r, 25));
      expect(denseThreads()).toBe(2);
      expect(denseHelperDiesOnNextJob()).toBe(true);
      // the helper ends in the first job of this pass; without the wait's timeout this would never return
      const started = performance.now();
      const after = denseForward(x, rows, layers, 2, "f64", 2);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(Array.from(after)).toEqual(Array.from(one[0]!));
      expect(denseThreads()).toBe(1);
      const before = denseHelperRows();
      expect(Array.from(denseForward(x, rows, layers, 2, "f32", 2))).toEqual(Array.from(one[1]!));
      expect(denseHelperRows()).toBe(before);
      expect(denseThreads()).toBe(1);
    } finally {
      denseBackend("wasm-simd", null, 0);
    }
  });
});
