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
}

/** float64 arithmetic, or every input, weight and intermediate rounded to float32 (Math.fround). */
export type DenseDtype = "f64" | "f32";

/** Samples per block: the input streams through the layers this many rows at a time. */
export const DENSE_BLOCK_ROWS = 256;

/**
 * The output of layer `upTo` (0-based) of `layers` for every row of `x` ([rows, inputs of
 * layer 0], row-major). The rows go through in blocks of `DENSE_BLOCK_ROWS`, so the memory used
 * beyond `x` and the result is a few block buffers, whatever the number of samples.
 * Throws RangeError when the shapes do not chain.
 */
export function denseForward(
  x: Float32Array | Float64Array,
  rows: number,
  layers: readonly DenseLayer[],
  upTo: number = layers.length - 1,
  dtype: DenseDtype = "f64",
): Float64Array {
  if (!Number.isInteger(upTo) || upTo < 0 || upTo >= layers.length) {
    throw new RangeError(`layer ${upTo} is out of range (valid: 0-${layers.length - 1})`);
  }
  const chain = layers.slice(0, upTo + 1);
  checkChain(chain, x.length, rows);
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

/**
 * out[i, j] = f(Σ_k x[i, k]·W[j, k] + b[j]) for n rows. Four rows at a time share each weight
 * row's loads; both inner operands are contiguous.
 */
function denseBlock64(x: Float64Array, n: number, l: DenseLayer, out: Float64Array): void {
  const { inputs: K, outputs: J, weight: w, bias, f } = l;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x0 = i * K, x1 = x0 + K, x2 = x1 + K, x3 = x2 + K;
    for (let j = 0; j < J; j++) {
      const wj = j * K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < K; k++) {
        const wk = w[wj + k]!;
        s0 += x[x0 + k]! * wk;
        s1 += x[x1 + k]! * wk;
        s2 += x[x2 + k]! * wk;
        s3 += x[x3 + k]! * wk;
      }
      const bj = bias ? bias[j]! : 0;
      s0 += bj; s1 += bj; s2 += bj; s3 += bj;
      if (f) { s0 = f(s0); s1 = f(s1); s2 = f(s2); s3 = f(s3); }
      out[i * J + j] = s0;
      out[(i + 1) * J + j] = s1;
      out[(i + 2) * J + j] = s2;
      out[(i + 3) * J + j] = s3;
    }
  }
  for (; i < n; i++) {
    const xi = i * K;
    for (let j = 0; j < J; j++) {
      const wj = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += x[xi + k]! * w[wj + k]!;
      s += bias ? bias[j]! : 0;
      out[i * J + j] = f ? f(s) : s;
    }
  }
}

/** As denseBlock64 with every product and partial sum rounded to float32. */
function denseBlock32(x: Float64Array, n: number, l: DenseLayer, out: Float64Array): void {
  const { inputs: K, outputs: J, weight: w, bias, f } = l;
  const r = Math.fround;
  for (let i = 0; i < n; i++) {
    const xi = i * K;
    for (let j = 0; j < J; j++) {
      const wj = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s = r(s + r(x[xi + k]! * w[wj + k]!));
      if (bias) s = r(s + bias[j]!);
      out[i * J + j] = f ? f(s) : s;
    }
  }
}
