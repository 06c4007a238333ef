// Seeded test matrices for the neuron chart tests: relu of a pseudo-random normal matrix.
import type { Matrix } from "../../../src/core/matrix.js";

/** mulberry32: a small seeded generator of uniforms in [0, 1). */
export function uniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normals by Box-Muller from a seeded generator. */
export function normals(seed: number): () => number {
  const u = uniforms(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/**
 * relu(z * scale_j + shift_j) for a seeded normal z, as a [rows, cols] Float32Array matrix:
 * neuron j has its own scale and shift, and neurons listed in `dead` get a shift of -50
 * (so they output 0 on every sample).
 */
export function reluActivations(rows: number, cols: number, seed: number, dead: readonly number[] = []): Matrix {
  const z = normals(seed);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const shift = dead.includes(j) ? -50 : ((j % 5) - 2) * 0.4;
      const scale = 0.5 + (j % 3) * 0.5;
      data[i * cols + j] = Math.max(0, z() * scale + shift);
    }
  }
  return { rows, cols, data };
}

/** tanh-like signed activations with a slow drift along the samples: both signs. */
export function signedActivations(rows: number, cols: number, seed: number): Matrix {
  const z = normals(seed);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) data[i * cols + j] = Math.tanh(0.6 * z() + Math.sin((i / rows) * 6 + j) * 1.2);
  }
  return { rows, cols, data };
}
