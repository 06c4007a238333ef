import { Worker } from "node:worker_threads";
import { DENSE_KERNEL_WASM } from "./dense-kernel-wasm.js";
import { DENSE_BLOCK_ROWS, type DenseLayer, type DenseThreads } from "./dense-layer.js";

// The WebAssembly SIMD path of denseForward (src/core/dense/dense-kernel.wat), used whenever the runtime
// has SIMD: loading the kernel, the helper thread, and the pass itself.

// The few WebAssembly globals used here (lib ES2023 and @types/node 20 do not declare them).
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
};

type Gemm = (x: number, n: number, kb: number, w: number, J: number, b: number, out: number, ob: number, jblk: number, sh: number, kc: number) => void;

export interface Kernel {
  module: object;
  memory: WasmMemory;
  gemm: Gemm;
  /** ReLU in place over bytes [p, e) of the memory, as f32 (1) or f64 (0) lanes. */
  relu: (f32: number, p: number, e: number) => void;
  /** The helper thread, started on the first large forward pass; null until then, and once lost. */
  helper: Worker | null;
  /** A helper was given up (it stopped answering in a job): none is started again in this process. */
  lost: boolean;
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
/** The helper's flags among its control words (a job is in words 1-11); DIE is for a test. */
const DONE = 12, READY = 13, FAILED = 14, DIE = 15;
/** For a test: ms the helper waits before it takes each job (STALL), sleeping on a word nothing wakes (NAP). */
const STALL = 16, NAP = 17;
/** Control words: 0-17 used; they end at byte 16 + 4 x 24 = 112, before DATA. */
const CTL_WORDS = 24;
/**
 * How long the main thread waits for the helper's block beyond its own before it gives the helper
 * up and computes that block itself: 20 times its own block's time, and at least this (ms). A
 * helper that died in a job, or that the system stopped running, never leaves a pass waiting.
 */
const HELPER_GRACE_MS = 250;
/**
 * With threads "auto": a round of two threads in which the main thread waited for the helper
 * longer than this share of its own block's time did not pay (one thread would have done both
 * blocks in about twice its own time; a helper descheduled by another process makes it wait).
 * The next rounds then run on one thread, 4 at first, doubling up to 64 while the helper keeps
 * losing, and a round of two threads probes again after them.
 */
const LOSING_WAIT = 0.75;
const SOLO_FIRST = 4, SOLO_MAX = 64;
/** Where threads "auto" stands, kept from one pass to the next in this process. */
let backoff = { solo: 0, soloNext: SOLO_FIRST };
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

/** The kernel, unless the JS loops were chosen (denseBackend) or the runtime has no WebAssembly SIMD. */
export function enabledKernel(): Kernel | null {
  return wasmEnabled ? loadKernel() : null;
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
      kernel = { module, memory, gemm: e.gemm as Gemm, relu: e.relu as Kernel["relu"], helper: null, lost: false, ctl: null };
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
 * for the defaults (either also forgets what threads "auto" measured in earlier passes), and
 * `fromRound` the round of a pass (a round is a block of rows per thread) from which a helper
 * that is up joins: for tests.
 */
export function denseBackend(use?: "wasm-simd" | "js", helperFromMacs?: number | null, fromRound?: number): "wasm-simd" | "js" {
  if (use !== undefined) wasmEnabled = use === "wasm-simd";
  if (fromRound !== undefined) helperFromRound = fromRound;
  if (helperFromMacs !== undefined) {
    helperStart = helperFromMacs ?? HELPER_START;
    helperUse = helperFromMacs ?? HELPER_USE;
    backoff = { solo: 0, soloNext: SOLO_FIRST }; // and threads "auto" starts afresh
  }
  return enabledKernel() ? "wasm-simd" : "js";
}

/**
 * The helper thread: compute only (the kernel on the shared memory, no activation, no canvas).
 * ctl[0]: 0 idle, 1 a job in ctl[1..11], 2 quit; ctl[DONE]: 1 when the job is done; ctl[READY]: 1 ready;
 * ctl[FAILED]: 1 if a job failed (the kernel trapped), which denseForward then reports;
 * ctl[DIE]: 1 makes the helper end in its next job, without finishing it (denseHelperDiesOnNextJob).
 */
const HELPER_SOURCE = `
const SPIN_MS = ${SPIN_MS};
const spinWhile = ${spinWhile.toString()}; // by value: a bundler may rename the function
const { workerData } = require("node:worker_threads");
const { module, memory } = workerData;
const gemm = new WebAssembly.Instance(module, { env: { memory } }).exports.gemm;
const c = new Int32Array(memory.buffer, ${CTL}, ${CTL_WORDS});
Atomics.store(c, ${READY}, 1);
for (;;) {
  spinWhile(c, 0, 0);
  Atomics.wait(c, 0, 0);
  const cmd = Atomics.load(c, 0);
  if (cmd === 2) break;
  if (cmd !== 1) continue;
  const stall = Atomics.load(c, ${STALL});
  if (stall > 0) Atomics.wait(c, ${NAP}, 0, stall);
  // taken with a compare-exchange: the main thread may have taken the job back first
  if (Atomics.compareExchange(c, 0, 1, 0) !== 1) continue;
  if (Atomics.load(c, ${DIE}) === 1) process.exit(0);
  try {
    gemm(c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11]);
  } catch {
    Atomics.store(c, ${FAILED}, 1);
  }
  Atomics.store(c, ${DONE}, 1);
  Atomics.notify(c, ${DONE});
}
`;

/** The rows the helper thread has computed in this process (for tests). */
export function denseHelperRows(): number {
  return helperRows;
}

/**
 * For a test: the helper thread, if it is up, ends in the middle of its next job without
 * finishing it, as a helper that crashed would. False when there is no helper to end.
 */
export function denseHelperDiesOnNextJob(): boolean {
  const ctl = kernel ? readyHelper(kernel) : null;
  if (ctl) Atomics.store(ctl, DIE, 1);
  return ctl !== null;
}

/**
 * For a test: the helper thread, if it is up, waits `ms` before it takes each job, as a helper
 * that another process keeps off its core would (0: no wait). False when there is no helper.
 */
export function denseHelperStalls(ms: number): boolean {
  const ctl = kernel ? readyHelper(kernel) : null;
  if (ctl) Atomics.store(ctl, STALL, ms);
  return ctl !== null;
}

/** 2 when the helper thread is up and passes of HELPER_USE multiply-adds or more share their rows with it, else 1 (for tests). */
export function denseThreads(): number {
  return kernel && readyHelper(kernel) ? 2 : 1;
}

/** Starts the helper thread in the background, once per process. */
function startHelper(k: Kernel): void {
  if (k.helper || k.lost) return;
  try {
    k.ctl = new Int32Array(k.memory.buffer, CTL, CTL_WORDS);
    const helper = new Worker(HELPER_SOURCE, { eval: true, workerData: { module: k.module, memory: k.memory } });
    k.helper = helper;
    helper.unref(); // never keeps the process alive
    // then the main thread does all the rows
    const gone = () => { if (k.helper === helper) k.ctl = null; };
    helper.on("error", gone);
    helper.on("exit", gone);
  } catch {
    k.ctl = null;
  }
}

/**
 * Gives the helper up for good: it did not finish a job in time (it died, or hangs). It is told
 * to stop; its block is computed by the caller, elsewhere in memory, so a helper that was only
 * slow writes nowhere that is read again.
 */
function abandonHelper(k: Kernel): void {
  const helper = k.helper;
  k.lost = true;
  k.helper = null;
  k.ctl = null;
  void helper?.terminate().catch(() => {});
}

/**
 * Waits until the helper's job is done: true, or false when `budgetMs` passed first. Polls for
 * SPIN_MS, then sleeps in slices, so a helper that is gone costs at most the budget.
 */
function awaitHelper(ctl: Int32Array, budgetMs: number): boolean {
  spinWhile(ctl, DONE, 0);
  const end = performance.now() + budgetMs;
  for (;;) {
    if (Atomics.load(ctl, DONE) !== 0) return true;
    const left = end - performance.now();
    if (left <= 0) return false;
    Atomics.wait(ctl, DONE, 0, Math.min(left, 20));
  }
}

/** The helper's control words if it is up and waiting for work, else null. */
function readyHelper(k: Kernel): Int32Array | null {
  return k.ctl && Atomics.load(k.ctl, READY) === 1 ? k.ctl : null;
}

/** Output rows per kernel pass: that many padded weight rows stay in cache while the block's rows go by. */
const WASM_OUT_BLOCK = 32;
/**
 * k in chunks of this many bytes (1024 f64, 2048 f32), each chunk's sums added to the previous ones:
 * only very wide layers are split. 2 KB chunks (x rows in L1) measured no faster on 784 inputs.
 */
const WASM_K_CHUNK = 8192;

/**
 * denseForward through the wasm kernel, yielding the rows done after each round; returns null when
 * the weights do not fit its memory. Memory: every layer's weights and bias, rows padded with
 * zeros to a multiple of 4 elements (the kernel's k loop then has no tail), then for each thread
 * three block buffers of DENSE_BLOCK_ROWS padded rows: two that the layers ping-pong between and a
 * spare for the next round's input (and, with two threads, one more where the main thread computes
 * the helper's block if the helper is lost in a job). A round is one block, or, once the helper
 * thread is up (see HELPER_START) and `threads` allows, a pair of blocks, one per thread, layer by
 * layer; the activation runs here, in JS, on the kernel's output in place (stored to a
 * Float32Array for f32, which rounds as Math.fround), for both blocks. With threads "auto" each
 * round of two threads is timed, and rounds that did not pay send the next ones to one thread
 * (LOSING_WAIT).
 */
export function* forwardWasm(k: Kernel, x: Float32Array | Float64Array, rows: number, chain: readonly DenseLayer[], f32: boolean, threads: DenseThreads = "auto"): Generator<number, Float64Array | null> {
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
  if (threads !== 1 && macs >= (threads === 2 ? helperUse : helperStart) && rows > DENSE_BLOCK_ROWS) startHelper(k);
  // a helper that is up (or comes up during the pass) takes every other block of rows
  const mayHelp = threads !== 1 && macs >= helperUse && rows > DENSE_BLOCK_ROWS && k.helper !== null;
  const tcMax = mayHelp ? 2 : 1;
  // each thread's [a, b] buffers, which the layers ping-pong between (a holds the block's input),
  // and its spare, where the next block's input is copied while the helper still computes
  const bufs = Array.from({ length: tcMax }, (_, t) => [top + 3 * t * bufBytes, top + (3 * t + 1) * bufBytes]);
  const spare = bufs.map((_, t) => top + (3 * t + 2) * bufBytes);
  // where the helper's block goes if the helper is lost in a job
  const rescue = top + 3 * tcMax * bufBytes;
  const need = rescue + (mayHelp ? bufBytes : 0);
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
  // each round's thread count is settled when its inputs are copied: 2 once the helper is up,
  // unless threads "auto" measured that it does not pay (then `solo` rounds run on one thread)
  let round = 0;
  // carried over from the last pass: contention seen there is likely still there
  let { solo, soloNext } = threads === "auto" ? backoff : { solo: 0, soloNext: SOLO_FIRST };
  const threadsNow = () => {
    if (!(mayHelp && round >= helperFromRound && readyHelper(k))) return 1;
    if (solo === 0) return 2;
    solo--;
    return 1;
  };
  let tc = threadsNow();
  copyIn(0, tc, bufs.map(([a]) => a!));
  for (let start = 0, nextStart = 0; start < rows; start = nextStart) {
    let ctl = tc === 2 ? readyHelper(k) : null;
    const ns = bufs.map((_, t) => rowsOf(start, t, tc));
    // the helper's block is counted (for tests) once it has computed every layer of it
    let helperDidAll = ctl !== null && ns[1]! > 0;
    nextStart = start + tc * DENSE_BLOCK_ROWS;
    let tcNext = tc;
    // this round's time in the main thread's own blocks, and waiting for the helper's (ms)
    let own = 0;
    let waited = 0;
    for (let li = 0; li < chain.length; li++) {
      const l = chain[li]!;
      const J = l.outputs, Jp = pad(J), kb = pad(l.inputs) * es;
      /** The kernel's arguments for thread t's block of this layer. */
      const job = (t: number): Parameters<Gemm> => [bufs[t]![0]!, ns[t]!, kb, wOff[li]!, J, bOff[li]!, bufs[t]![1]!, Jp * es, WASM_OUT_BLOCK, sh, WASM_K_CHUNK];
      // this layer's helper: null once it was lost in an earlier layer of the round
      const helper = ns[1]! > 0 ? ctl : null;
      if (helper) {
        job(1).forEach((v, i) => { helper[i + 1] = v; });
        Atomics.store(helper, DONE, 0);
        Atomics.store(helper, 0, 1);
        Atomics.notify(helper, 0);
      }
      const t0 = performance.now();
      k.gemm(...job(0));
      const t1 = performance.now();
      own += t1 - t0;
      // a helper lost while denseForwardAsync waited between rounds, or earlier in this round:
      // its block is done here
      if (!helper && ns[1]! > 0) k.gemm(...job(1));
      // the next round's inputs go to the spares now, while the helper may still be computing
      if (li === 0 && nextStart < rows) {
        round++;
        tcNext = threadsNow();
        copyIn(nextStart, tcNext, spare);
      }
      if (helper && threads === "auto" && Atomics.compareExchange(helper, 0, 1, 0) === 1) {
        // the helper has not started its block (another process holds its core, or it sleeps):
        // take the block back and compute it here, rather than wait for the helper to run
        k.gemm(...job(1));
        helperDidAll = false;
        waited = Infinity; // a round the helper did not pay for
      } else if (helper) {
        const t2 = performance.now();
        if (awaitHelper(helper, Math.max(HELPER_GRACE_MS, 20 * (t1 - t0)))) {
          waited += performance.now() - t2;
          if (Atomics.load(helper, FAILED) !== 0) throw new Error("the dense kernel failed on the helper thread");
        } else {
          // the helper died in its job, or hangs: its block is computed here, into memory that
          // nothing reads again should the helper still write its own output
          abandonHelper(k);
          ctl = null;
          const j = job(1);
          j[6] = rescue;
          k.gemm(...j);
          bufs[1]![1] = rescue;
          helperDidAll = false;
        }
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
    if (helperDidAll) helperRows += ns[1]!;
    // threads "auto": a round of two threads that waited too long for the helper sends the next
    // rounds to one thread (the one after this is already settled), more of them each time
    if (threads === "auto" && tc === 2 && ctl !== null) {
      if (waited > LOSING_WAIT * own) {
        solo = soloNext;
        soloNext = Math.min(2 * soloNext, SOLO_MAX);
      } else soloNext = SOLO_FIRST;
    }
    tc = tcNext;
    if (threads === "auto") backoff = { solo, soloNext };
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
