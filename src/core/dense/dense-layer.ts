/**
 * A dense layer ready to run: `y = f(x · Wᵀ + b)` with W row-major [outputs, inputs] (PyTorch's
 * layout; a caller holding Keras's [inputs, outputs] transposes once, see `transposeWeight`).
 */
export interface DenseLayer {
  inputs: number;
  outputs: number;
  /** Row-major [outputs, inputs]: row j is output j's weights, contiguous. */
  weight: Float64Array;
  /** [outputs], or null for a layer without bias. */
  bias: Float64Array | null;
  /** The activation applied elementwise; null is the identity. */
  f: ((x: number) => number) | null;
  /**
   * True when f is ReLU (x < 0 ? 0 : x): the WebAssembly path then applies it with SIMD instead of
   * calling f once per value (the JS path still calls f). A promise about f, not a second function.
   */
  relu?: boolean;
}

/** float64 arithmetic, or every input, weight and intermediate rounded to float32 (Math.fround). */
export type DenseDtype = "f64" | "f32";

/** Samples per block: the input streams through the layers this many rows at a time. */
export const DENSE_BLOCK_ROWS = 256;

/**
 * Threads a pass may use: 1 (the main thread only), 2 (the helper thread takes every other block
 * of rows whenever it is up), or "auto": 2 while the helper pays, measured round by round (see
 * forwardWasm), else 1.
 */
export type DenseThreads = 1 | 2 | "auto";
