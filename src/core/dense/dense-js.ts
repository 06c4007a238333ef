import { DENSE_BLOCK_ROWS, type DenseDtype, type DenseLayer } from "./dense-layer.js";

// The scalar JS loops of denseForward: the path where the runtime has no WebAssembly SIMD, or the
// kernel is busy with another pass.

/** The scalar JS loops, a block of rows at a time, yielding the rows done after each. */
export function* forwardJs(x: Float32Array | Float64Array, rows: number, chain: readonly DenseLayer[], dtype: DenseDtype): Generator<number, Float64Array> {
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
