import { Worker } from "node:worker_threads";
import { DENSE_KERNEL_WASM } from "./dense-kernel-wasm.js";

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
 * The output of layer `upTo` (0-based) of `layers` for every row of `x` ([rows, inputs of
 * layer 0], row-major). The rows go through in blocks of `DENSE_BLOCK_ROWS`, so the memory used
 * beyond `x` and the result is a few block buffers, whatever the number of samples.
 * Runs a WebAssembly SIMD kernel where the runtime has it (see denseBackend), with a helper thread
 * for large passes, else the scalar loops below; the activation always runs in JS.
 * Throws RangeError when the shapes do not chain.
 */
export function denseForward(
  x: Float32Array | Float64Array,
  rows: number,
  layers: readonly DenseLayer[],
  upTo: number = layers.length - 1,
  dtype: DenseDtype = "f64",
): Float64Array {
  const steps = forwardSteps(x, rows, layers, upTo, dtype);
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
): Promise<Float64Array> {
  const steps = forwardSteps(x, rows, layers, upTo, dtype);
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
function* forwardSteps(x: Float32Array | Float64Array, rows: number, layers: readonly DenseLayer[], upTo: number, dtype: DenseDtype): Generator<number, Float64Array> {
  if (!Number.isInteger(upTo) || upTo < 0 || upTo >= layers.length) {
    throw new RangeError(`layer ${upTo} is out of range (valid: 0-${layers.length - 1})`);
  }
  const chain = layers.slice(0, upTo + 1);
  checkChain(chain, x.length, rows);
  const kernel = wasmEnabled && !kernelBusy ? loadKernel() : null;
  if (kernel) {
    kernelBusy = true;
    try {
      const viaWasm = yield* forwardWasm(kernel, x, rows, chain, dtype === "f32");
      if (viaWasm) return viaWasm;
    } finally {
      kernelBusy = false;
    }
  }
  return yield* forwardJs(x, rows, chain, dtype);
}

/** The scalar JS loops, a block of rows at a time. */
function* forwardJs(x: Float32Array | Float64Array, rows: number, chain: readonly DenseLayer[], dtype: DenseDtype): Generator<number, Float64Array> {
  const f32 = dtype === "f32";
  const prepared = f32 ? chain.map(roundLayer) : chain;
  const cols = chain[0]!.inputs;
  const out = new Float64Array(rows * chain[chain.length - 1]!.outputs);
  const widest = Math.max(cols, ...chain.map((l) => l.outputs));
  let a = new Float64Array(DENSE_BLOCK_ROWS * widest);
  let b = new Float64Array(DENSE_BLOCK_ROWS * widest);
  for (let start = 0; start < rows; start += DENSE_BLOCK_ROWS) {
    const n = Math.min(DENSE_BLOCK_ROWS, rows - start);
    const src = x.subarray(start * cols, (start + n) * cols);
    if (f32) for (let k = 0; k < src.length; k++) a[k] = Math.fround(src[k]!);
    else a.set(src);
    for (let l = 0; l < prepared.length; l++) {
      const layer = prepared[l]!;
      const last = l === prepared.length - 1;
      const target = last ? out.subarray(start * layer.outputs, (start + n) * layer.outputs) : b;
      (f32 ? denseBlock32 : denseBlock64)(a, n, layer, target);
      if (!last) [a, b] = [b, a];
    }
    yield start + n;
  }
  return out;
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

function roundLayer(l: DenseLayer): DenseLayer {
  const f = l.f;
  return {
    ...l,
    weight: Float64Array.from(l.weight, Math.fround),
    bias: l.bias && Float64Array.from(l.bias, Math.fround),
    f: f && ((v: number) => Math.fround(f(v))),
  };
}

/** Outputs per block: that many weight rows (at most 32 x inputs doubles) stay in cache while every row of the block goes by. */
const OUT_BLOCK = 32;

/**
 * out[i, j] = f(Σ_k x[i, k]·W[j, k] + b[j]) for n rows. Blocked for cache: a block of weight
 * rows is reused by every sample row; a 4 x 2 register tile (four samples, two outputs) shares
 * each load; both inner operands are contiguous.
 */
function denseBlock64(x: Float64Array, n: number, l: DenseLayer, out: Float64Array): void {
  const { inputs: K, outputs: J, weight: w, bias, f } = l;
  for (let jb = 0; jb < J; jb += OUT_BLOCK) {
    const jEnd = Math.min(J, jb + OUT_BLOCK);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const x0 = i * K, x1 = x0 + K, x2 = x1 + K, x3 = x2 + K;
      let j = jb;
      for (; j + 2 <= jEnd; j += 2) {
        const wa = j * K, wb = wa + K;
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        for (let k = 0; k < K; k++) {
          const u = w[wa + k]!, v = w[wb + k]!;
          const p0 = x[x0 + k]!, p1 = x[x1 + k]!, p2 = x[x2 + k]!, p3 = x[x3 + k]!;
          a0 += p0 * u; a1 += p1 * u; a2 += p2 * u; a3 += p3 * u;
          b0 += p0 * v; b1 += p1 * v; b2 += p2 * v; b3 += p3 * v;
        }
        put(out, i, J, j, K, a0, a1, a2, a3, bias, f);
        put(out, i, J, j + 1, K, b0, b1, b2, b3, bias, f);
      }
      for (; j < jEnd; j++) {
        const wa = j * K;
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (let k = 0; k < K; k++) {
          const u = w[wa + k]!;
          a0 += x[x0 + k]! * u; a1 += x[x1 + k]! * u; a2 += x[x2 + k]! * u; a3 += x[x3 + k]! * u;
        }
        put(out, i, J, j, K, a0, a1, a2, a3, bias, f);
      }
    }
    for (; i < n; i++) {
      const xi = i * K;
      for (let j = jb; j < jEnd; j++) {
        const wj = j * K;
        let s = 0;
        for (let k = 0; k < K; k++) s += x[xi + k]! * w[wj + k]!;
        s += bias ? bias[j]! : 0;
        out[i * J + j] = f ? f(s) : s;
      }
    }
  }
}

/** Adds the bias to four rows' sums for output j, applies f and stores them. */
function put(out: Float64Array, i: number, J: number, j: number, _K: number, s0: number, s1: number, s2: number, s3: number, bias: Float64Array | null, f: DenseLayer["f"]): void {
  const bj = bias ? bias[j]! : 0;
  s0 += bj; s1 += bj; s2 += bj; s3 += bj;
  if (f) { s0 = f(s0); s1 = f(s1); s2 = f(s2); s3 = f(s3); }
  out[i * J + j] = s0;
  out[(i + 1) * J + j] = s1;
  out[(i + 2) * J + j] = s2;
  out[(i + 3) * J + j] = s3;
}

/** As denseBlock64 with every product and partial sum rounded to float32; four sample rows share each weight load. */
function denseBlock32(x: Float64Array, n: number, l: DenseLayer, out: Float64Array): void {
  const { inputs: K, outputs: J, weight: w, bias, f } = l;
  const r = Math.fround;
  for (let jb = 0; jb < J; jb += OUT_BLOCK) {
    const jEnd = Math.min(J, jb + OUT_BLOCK);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const x0 = i * K, x1 = x0 + K, x2 = x1 + K, x3 = x2 + K;
      for (let j = jb; j < jEnd; j++) {
        const wa = j * K;
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (let k = 0; k < K; k++) {
          const u = w[wa + k]!;
          a0 = r(a0 + r(x[x0 + k]! * u));
          a1 = r(a1 + r(x[x1 + k]! * u));
          a2 = r(a2 + r(x[x2 + k]! * u));
          a3 = r(a3 + r(x[x3 + k]! * u));
        }
        if (bias) {
          const bj = bias[j]!;
          a0 = r(a0 + bj); a1 = r(a1 + bj); a2 = r(a2 + bj); a3 = r(a3 + bj);
        }
        put(out, i, J, j, K, a0, a1, a2, a3, null, f);
      }
    }
    for (; i < n; i++) {
      const xi = i * K;
      for (let j = jb; j < jEnd; j++) {
        const wj = j * K;
        let s = 0;
        for (let k = 0; k < K; k++) s = r(s + r(x[xi + k]! * w[wj + k]!));
        if (bias) s = r(s + bias[j]!);
        out[i * J + j] = f ? f(s) : s;
      }
    }
  }
}

// ---- The WebAssembly SIMD path (src/core/dense-kernel.wat), used whenever the runtime has SIMD ----

// The few WebAssembly globals used here (lib ES2023 and @types/node 20 do not declare them).
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
};

type Gemm = (x: number, n: number, kb: number, w: number, J: number, b: number, out: number, ob: number, jblk: number, sh: number, kc: number) => void;

interface Kernel {
  module: object;
  memory: WasmMemory;
  gemm: Gemm;
  /** ReLU in place over bytes [p, e) of the memory, as f32 (1) or f64 (0) lanes. */
  relu: (f32: number, p: number, e: number) => void;
  /** The helper thread, started on the first large forward pass; null until then. */
  helper: Worker | null;
  /** The control words shared with the helper (see HELPER_SOURCE). */
  ctl: Int32Array | null;
}

/** undefined: not tried yet; null: no WebAssembly SIMD here, the JS loops run. */
let kernel: Kernel | null | undefined;
let wasmEnabled = true;
/**
 * Multiply-adds (rows x Σ inputs·outputs) of a pass from which the helper thread is started (it
 * joins that pass once it is up, ~50-65 ms here, and stays for later passes), and from which a
 * helper that is up takes half of the row blocks (measured: 64-32-16-10 on 1,000 rows, 2.7M
 * multiply-adds, 0.78-0.81x the one-thread time; 600 rows, 1.6M, 1.10x).
 */
const HELPER_START = 50_000_000;
const HELPER_USE = 2_000_000;
let helperStart = HELPER_START;
let helperUse = HELPER_USE;
/** Rounds of a pass before which the helper is not used even if it is up (0; tests set it). */
let helperFromRound = 0;
/** Rows the helper has computed, all layers of its blocks counted once (for tests). */
let helperRows = 0;

/** Pages of the shared memory's maximum (2 GiB): shared memory must declare one. */
const MAX_PAGES = 32768;
/** The control words live at bytes 16..80 of the memory; the data starts after. */
const CTL = 16;
const DATA = 128;
/**
 * How long a thread that waits for the other polls before it sleeps (Atomics.wait), in ms. Waking a
 * sleeping thread costs enough to matter: the helper gets a job every few ms, and the main thread
 * waits for each. Polling for 1 ms made 784-128-10 passes 0-23 % faster (in-process A/B, 21-41
 * rounds, 6 runs, with the spare input buffers below; those alone: 0-8 %).
 */
const SPIN_MS = 1;
/** Returns when a[i] is no longer v or SPIN_MS have passed (then the caller sleeps in Atomics.wait). */
function spinWhile(a: Int32Array, i: number, v: number): void {
  const end = performance.now() + SPIN_MS;
  for (let n = 1; Atomics.load(a, i) === v; n++) if ((n & 255) === 0 && performance.now() > end) return;
}

function loadKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    const bytes = Buffer.from(DENSE_KERNEL_WASM, "base64");
    // the kernel uses fixed-width SIMD and a shared memory: a runtime without either fails
    // validation (or instantiation) and keeps the JS loops
    if (typeof WebAssembly === "object" && WebAssembly.validate(bytes)) {
      const module = new WebAssembly.Module(bytes);
      const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
      const e = new WebAssembly.Instance(module, { env: { memory } }).exports;
      kernel = { module, memory, gemm: e.gemm as Gemm, relu: e.relu as Kernel["relu"], helper: null, ctl: null };
    }
  } catch {
    kernel = null;
  }
  return kernel;
}

/**
 * Which implementation denseForward uses: "wasm-simd" (the default where WebAssembly SIMD is
 * available) or "js" (the scalar loops). `use` switches it, and `helperFromMacs` sets the work
 * (rows x Σ inputs·outputs) from which the helper thread is started and shares the rows, or null
 * for the defaults, and `fromRound` the round of a pass (a round is a block of rows per thread)
 * from which a helper that is up joins: for tests.
 */
export function denseBackend(use?: "wasm-simd" | "js", helperFromMacs?: number | null, fromRound?: number): "wasm-simd" | "js" {
  if (use !== undefined) wasmEnabled = use === "wasm-simd";
  if (fromRound !== undefined) helperFromRound = fromRound;
  if (helperFromMacs !== undefined) {
    helperStart = helperFromMacs ?? HELPER_START;
    helperUse = helperFromMacs ?? HELPER_USE;
  }
  return wasmEnabled && loadKernel() ? "wasm-simd" : "js";
}

/**
 * The helper thread: compute only (the kernel on the shared memory, no activation, no canvas).
 * ctl[0]: 0 idle, 1 a job in ctl[1..11], 2 quit; ctl[12]: 1 when the job is done; ctl[13]: 1 ready;
 * ctl[14]: 1 if a job failed (the kernel trapped), which denseForward then reports.
 */
const HELPER_SOURCE = `
const SPIN_MS = ${SPIN_MS};
const spinWhile = ${spinWhile.toString()}; // by value: a bundler may rename the function
const { workerData } = require("node:worker_threads");
const { module, memory } = workerData;
const gemm = new WebAssembly.Instance(module, { env: { memory } }).exports.gemm;
const c = new Int32Array(memory.buffer, ${CTL}, 16);
Atomics.store(c, 13, 1);
for (;;) {
  spinWhile(c, 0, 0);
  Atomics.wait(c, 0, 0);
  const cmd = Atomics.load(c, 0);
  if (cmd === 2) break;
  if (cmd !== 1) continue;
  Atomics.store(c, 0, 0);
  try {
    gemm(c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]);
  } catch {
    Atomics.store(c, 14, 1);
  }
  Atomics.store(c, 12, 1);
  Atomics.notify(c, 12);
}
`;

/** The rows the helper thread has computed in this process (for tests). */
export function denseHelperRows(): number {
  return helperRows;
}

/** 2 when the helper thread is up and large forward passes share their rows with it, else 1 (for tests). */
export function denseThreads(): number {
  const k = kernel;
  return k && k.ctl && Atomics.load(k.ctl, 13) === 1 ? 2 : 1;
}

/** Starts the helper thread in the background, once per process. */
function startHelper(k: Kernel): void {
  if (k.helper) return;
  try {
    k.ctl = new Int32Array(k.memory.buffer, CTL, 16);
    k.helper = new Worker(HELPER_SOURCE, { eval: true, workerData: { module: k.module, memory: k.memory } });
    k.helper.unref(); // never keeps the process alive
    k.helper.on("error", () => { k.ctl = null; }); // then the main thread does all the rows
  } catch {
    k.ctl = null;
  }
}

/** The helper's control words if it is up and waiting for work, else null. */
function readyHelper(k: Kernel): Int32Array | null {
  return k.ctl && Atomics.load(k.ctl, 13) === 1 ? k.ctl : null;
}

/** Output rows per kernel pass: that many padded weight rows stay in cache while the block's rows go by. */
const WASM_OUT_BLOCK = 32;
/**
 * k in chunks of this many bytes (1024 f64, 2048 f32), each chunk's sums added to the previous ones:
 * only very wide layers are split. 2 KB chunks (x rows in L1) measured no faster on 784 inputs.
 */
const WASM_K_CHUNK = 8192;

/**
 * denseForward through the wasm kernel, or null when the weights do not fit its memory. Memory: every layer's weights and bias, rows padded with
 * zeros to a multiple of 4 elements (the kernel's k loop then has no tail), then for each thread
 * two block buffers of DENSE_BLOCK_ROWS padded rows that the layers ping-pong between. With a
 * helper thread (large inputs), the rows go in pairs of blocks, one per thread, layer by layer;
 * the activation runs here, in JS, on the kernel's output in place (stored to a Float32Array for
 * f32, which rounds as Math.fround), for both blocks.
 */
function* forwardWasm(k: Kernel, x: Float32Array | Float64Array, rows: number, chain: readonly DenseLayer[], f32: boolean): Generator<number, Float64Array | null> {
  const es = f32 ? 4 : 8;
  const sh = f32 ? 2 : 3;
  const pad = (v: number) => (v + 3) & ~3; // the kernel's k loop takes 16-byte vectors
  const at = (bytes: number) => (bytes + 15) & ~15;
  let top = DATA;
  const wOff: number[] = [];
  const bOff: number[] = [];
  for (const l of chain) {
    wOff.push(top);
    top = at(top + l.outputs * pad(l.inputs) * es);
    bOff.push(top);
    top = at(top + pad(l.outputs) * es);
  }
  const widest = Math.max(pad(chain[0]!.inputs), ...chain.map((l) => pad(l.outputs)));
  const bufBytes = at(DENSE_BLOCK_ROWS * widest * es);
  // weights beyond the shared memory's 2 GiB maximum: the JS loops, which need no copy, take them
  if (top + 6 * bufBytes > MAX_PAGES * 65536) return null;
  const macs = rows * chain.reduce((s, l) => s + l.inputs * l.outputs, 0);
  if (macs >= helperStart && rows > DENSE_BLOCK_ROWS) startHelper(k);
  // a helper that is up (or comes up during the pass) takes every other block of rows
  const mayHelp = macs >= helperUse && rows > DENSE_BLOCK_ROWS && k.helper !== null;
  const threads = mayHelp ? 2 : 1;
  // each thread's [a, b] buffers, which the layers ping-pong between (a holds the block's input),
  // and its spare, where the next block's input is copied while the helper still computes
  const bufs = Array.from({ length: threads }, (_, t) => [top + 3 * t * bufBytes, top + (3 * t + 1) * bufBytes]);
  const spare = bufs.map((_, t) => top + (3 * t + 2) * bufBytes);
  const need = top + 3 * threads * bufBytes;
  const have = k.memory.buffer.byteLength;
  if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
  const buf = k.memory.buffer;
  const view = (off: number, len: number) => (f32 ? new Float32Array(buf, off, len) : new Float64Array(buf, off, len));
  chain.forEach((l, i) => {
    const K = l.inputs, Kp = pad(K);
    const w = view(wOff[i]!, l.outputs * Kp);
    if (K === Kp) w.set(l.weight);
    else for (let j = 0; j < l.outputs; j++) {
      w.set(l.weight.subarray(j * K, (j + 1) * K), j * Kp);
      w.fill(0, j * Kp + K, (j + 1) * Kp);
    }
    const b = view(bOff[i]!, pad(l.outputs));
    b.fill(0);
    if (l.bias) b.set(l.bias);
  });

  const cols = chain[0]!.inputs;
  const last = chain[chain.length - 1]!;
  const out = new Float64Array(rows * last.outputs);
  const Kp0 = pad(cols);
  /** Rows of thread t in the round from `start` with tc threads: [start + t·BLOCK, + this many). */
  const rowsOf = (start: number, t: number, tc: number) => (t < tc ? Math.max(0, Math.min(DENSE_BLOCK_ROWS, rows - start - t * DENSE_BLOCK_ROWS)) : 0);
  /** Copies the inputs of the round from `start` to each thread's buffer at offs[t], rows padded to Kp0. */
  const copyIn = (start: number, tc: number, offs: readonly number[]) => offs.forEach((off, t) => {
    const n = rowsOf(start, t, tc);
    const from = start + t * DENSE_BLOCK_ROWS;
    const src = x.subarray(from * cols, (from + n) * cols);
    const a = view(off, n * Kp0);
    if (Kp0 === cols) a.set(src);
    else for (let i = 0; i < n; i++) {
      a.set(src.subarray(i * cols, (i + 1) * cols), i * Kp0);
      a.fill(0, i * Kp0 + cols, (i + 1) * Kp0);
    }
  });
  // each round's thread count is settled when its inputs are copied: 2 once the helper is up
  let round = 0;
  const threadsNow = () => (mayHelp && round >= helperFromRound && readyHelper(k) ? 2 : 1);
  let tc = threadsNow();
  copyIn(0, tc, bufs.map(([a]) => a!));
  for (let start = 0, nextStart = 0; start < rows; start = nextStart) {
    const ctl = tc === 2 ? readyHelper(k) : null;
    const ns = bufs.map((_, t) => rowsOf(start, t, tc));
    if (ctl) helperRows += ns[1]!;
    nextStart = start + tc * DENSE_BLOCK_ROWS;
    let tcNext = tc;
    for (let li = 0; li < chain.length; li++) {
      const l = chain[li]!;
      const J = l.outputs, Jp = pad(J), kb = pad(l.inputs) * es;
      const helped = ctl !== null && ns[1]! > 0;
      if (helped) {
        const [a1, b1] = bufs[1]!;
        const job = [a1!, ns[1]!, kb, wOff[li]!, J, bOff[li]!, b1!, Jp * es, WASM_OUT_BLOCK, sh, WASM_K_CHUNK];
        job.forEach((v, i) => { ctl[i + 1] = v; });
        Atomics.store(ctl, 12, 0);
        Atomics.store(ctl, 0, 1);
        Atomics.notify(ctl, 0);
      }
      const [a0, b0] = bufs[0]!;
      k.gemm(a0!, ns[0]!, kb, wOff[li]!, J, bOff[li]!, b0!, Jp * es, WASM_OUT_BLOCK, sh, WASM_K_CHUNK);
      // the next round's inputs go to the spares now, while the helper may still be computing
      if (li === 0 && nextStart < rows) {
        round++;
        tcNext = threadsNow();
        copyIn(nextStart, tcNext, spare);
      }
      if (helped) {
        spinWhile(ctl, 12, 0);
        while (Atomics.load(ctl, 12) === 0) Atomics.wait(ctl, 12, 0);
        if (Atomics.load(ctl, 14) !== 0) throw new Error("the dense kernel failed on the helper thread");
      }
      const lastLayer = li === chain.length - 1;
      bufs.forEach((pair, t) => {
        const n = ns[t]!;
        if (n === 0) return;
        const yOff = pair[1]!;
        const outAt = (start + t * DENSE_BLOCK_ROWS) * J;
        // ReLU in the kernel, 2 or 4 lanes at a time, rather than one call of f per value
        if (l.relu) k.relu(f32 ? 1 : 0, yOff, yOff + n * Jp * es);
        const f = l.relu ? null : l.f;
        if (f32) activate32(new Float32Array(buf, yOff, n * Jp), n, J, Jp, f, lastLayer ? out : null, outAt);
        else activate64(new Float64Array(buf, yOff, n * Jp), n, J, Jp, f, lastLayer ? out : null, outAt);
        if (!lastLayer) pair.reverse();
      });
    }
    // the spare, which holds the next round's input, becomes a; the old a and b are b and the spare
    bufs.forEach((pair, t) => {
      const [a, b] = pair;
      pair[0] = spare[t]!;
      pair[1] = b!;
      spare[t] = a!;
    });
    tc = tcNext;
    yield Math.min(nextStart, rows);
  }
  return out;
}

/**
 * Applies f to the n x J values of y (rows Jp apart) in place, zeroes the padding columns (the next
 * layer's k padding) and, for the last layer, copies the values to out from `at` on.
 * One copy per element type keeps each loop monomorphic; plain loops beat subarray/set on short rows.
 */
function activate64(y: Float64Array, n: number, J: number, Jp: number, f: DenseLayer["f"], out: Float64Array | null, at: number): void {
  if (f) for (let i = 0; i < n; i++) for (let r = i * Jp, e = r + J; r < e; r++) y[r] = f(y[r]!);
  if (out) for (let i = 0; i < n; i++) for (let r = i * Jp, q = at + i * J, e = r + J; r < e; r++, q++) out[q] = y[r]!;
  else if (Jp !== J) for (let i = 0; i < n; i++) for (let r = i * Jp + J, e = (i + 1) * Jp; r < e; r++) y[r] = 0;
}

/** activate64 for float32: storing f's result into the Float32Array rounds it as Math.fround. */
function activate32(y: Float32Array, n: number, J: number, Jp: number, f: DenseLayer["f"], out: Float64Array | null, at: number): void {
  if (f) for (let i = 0; i < n; i++) for (let r = i * Jp, e = r + J; r < e; r++) y[r] = f(y[r]!);
  if (out) for (let i = 0; i < n; i++) for (let r = i * Jp, q = at + i * J, e = r + J; r < e; r++, q++) out[q] = y[r]!;
  else if (Jp !== J) for (let i = 0; i < n; i++) for (let r = i * Jp + J, e = (i + 1) * Jp; r < e; r++) y[r] = 0;
}
