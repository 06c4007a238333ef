import { forwardJs } from "./dense-js.js";
import type { DenseDtype, DenseLayer, DenseThreads } from "./dense-layer.js";
import { enabledKernel, forwardWasm } from "./dense-wasm.js";

export { DENSE_BLOCK_ROWS, type DenseDtype, type DenseLayer, type DenseThreads } from "./dense-layer.js";
export { denseBackend, denseHelperDiesOnNextJob, denseHelperRows, denseHelperStalls, denseThreads } from "./dense-wasm.js";

/**
 * The output of layer `upTo` (0-based) of `layers` for every row of `x` ([rows, inputs of
 * layer 0], row-major). The rows go through in blocks of `DENSE_BLOCK_ROWS`, so the memory used
 * beyond `x` and the result is a few block buffers, whatever the number of samples.
 * Runs a WebAssembly SIMD kernel where the runtime has it (see denseBackend), with a helper thread
 * as `threads` allows (see HELPER_START in dense-wasm.ts), else the scalar loops of dense-js.ts;
 * the activation always runs in JS.
 * Throws RangeError when the shapes do not chain.
 */
export function denseForward(
  x: Float32Array | Float64Array,
  rows: number,
  layers: readonly DenseLayer[],
  upTo: number = layers.length - 1,
  dtype: DenseDtype = "f64",
  threads: DenseThreads = "auto",
): Float64Array {
  const steps = forwardSteps(x, rows, layers, upTo, dtype, threads);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How long denseForwardAsync computes before it lets the event loop turn, in ms. */
const SLICE_MS = 50;

/**
 * denseForward that lets the event loop turn every ~50 ms (between blocks of rows), so that a long
 * pass can be interrupted (a SIGINT or SIGTERM handler runs) and can report `onProgress(rows done,
 * rows)`. The same bits as denseForward. While it waits, another pass in this process runs on the
 * JS loops (the kernel's memory holds this pass's blocks).
 */
export async function denseForwardAsync(
  x: Float32Array | Float64Array,
  rows: number,
  layers: readonly DenseLayer[],
  upTo: number = layers.length - 1,
  dtype: DenseDtype = "f64",
  onProgress?: (done: number, rows: number) => void,
  threads: DenseThreads = "auto",
): Promise<Float64Array> {
  const steps = forwardSteps(x, rows, layers, upTo, dtype, threads);
  try {
    let slice = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      onProgress?.(step.value, rows);
      if (performance.now() - slice >= SLICE_MS) {
        await new Promise(setImmediate);
        slice = performance.now();
      }
    }
  } finally {
    steps.return(new Float64Array(0)); // releases the kernel if the pass stopped early
  }
}

/** True while a pass holds the kernel's memory (denseForwardAsync waiting between blocks). */
let kernelBusy = false;

/** The pass, yielding the rows done after each block (or round of blocks); returns the output. */
function* forwardSteps(x: Float32Array | Float64Array, rows: number, layers: readonly DenseLayer[], upTo: number, dtype: DenseDtype, threads: DenseThreads): Generator<number, Float64Array> {
  if (!Number.isInteger(upTo) || upTo < 0 || upTo >= layers.length) {
    throw new RangeError(`layer ${upTo} is out of range (valid: 0-${layers.length - 1})`);
  }
  const chain = layers.slice(0, upTo + 1);
  checkChain(chain, x.length, rows);
  const kernel = kernelBusy ? null : enabledKernel();
  if (kernel) {
    kernelBusy = true;
    try {
      const viaWasm = yield* forwardWasm(kernel, x, rows, chain, dtype === "f32", threads);
      if (viaWasm) return viaWasm;
    } finally {
      kernelBusy = false;
    }
  }
  return yield* forwardJs(x, rows, chain, dtype);
}

/** Throws RangeError naming both numbers when a layer's input width is not the previous output width. */
export function checkChain(layers: readonly DenseLayer[], length: number, rows: number): void {
  if (layers.length === 0) throw new RangeError("no layers");
  const first = layers[0]!;
  if (!Number.isInteger(rows) || rows < 0 || rows * first.inputs !== length) {
    throw new RangeError(`input has ${length} values, not ${rows} rows of ${first.inputs} features`);
  }
  layers.forEach((l, i) => {
    if (l.weight.length !== l.inputs * l.outputs) throw new RangeError(`layer ${i} weight has ${l.weight.length} values, not ${l.outputs}x${l.inputs}`);
    if (l.bias && l.bias.length !== l.outputs) throw new RangeError(`layer ${i} bias has ${l.bias.length} values but the layer has ${l.outputs} outputs`);
    const prev = layers[i - 1];
    if (prev && prev.outputs !== l.inputs) throw new RangeError(`layer ${i} is ${l.outputs}x${l.inputs} (${l.inputs} inputs) but layer ${i - 1} has ${prev.outputs} outputs`);
  });
}

/** Keras's [inputs, outputs] row-major weight as PyTorch's [outputs, inputs]. */
export function transposeWeight(w: ArrayLike<number>, inputs: number, outputs: number): Float64Array {
  if (w.length !== inputs * outputs) throw new RangeError(`weight has ${w.length} values, not ${inputs}x${outputs}`);
  const t = new Float64Array(w.length);
  for (let i = 0; i < inputs; i++) for (let j = 0; j < outputs; j++) t[j * inputs + i] = w[i * outputs + j]!;
  return t;
}

/** Row-wise softmax, in place, stable (the row maximum is subtracted first). */
export function softmaxRows(m: Float64Array, cols: number): Float64Array {
  for (let r = 0; r < m.length; r += cols) {
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, m[r + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += m[r + j] = Math.exp(m[r + j]! - max);
    for (let j = 0; j < cols; j++) m[r + j]! /= sum;
  }
  return m;
}
