import { expect } from "vitest";
import type { Tensor } from "../../src/io/tensor.js";
import type { TensorSource } from "../../src/io/tensor-source.js";

// For the block readers' tests (openTensorSource on .npy, safetensors, HDF5 and PyTorch files):
// read in blocks, then compared with the whole-file reader bit for bit.

/** Every row of `t`, read `rowsPerBlock` at a time and joined (in the reader's element type). */
export async function allRows(t: TensorSource, rowsPerBlock: number): Promise<Float32Array | Float64Array> {
  const rows = t.shape.length === 0 ? 1 : t.shape[0]!;
  const parts: (Float32Array | Float64Array)[] = [];
  for (let start = 0; start < rows || start === 0; start += rowsPerBlock) parts.push(await t.readRows(start, Math.min(rows, start + rowsPerBlock)));
  const first = parts[0] ?? new Float64Array(0);
  const out = new (first.constructor as Float32ArrayConstructor | Float64ArrayConstructor)(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The bytes of `a` as hex: equal strings mean equal bits (NaN payloads and -0 included). */
export const bits = (a: Float32Array | Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");

/**
 * `t` has the whole reader's shape and dtype, and read `rowsPerBlock` rows at a time for each
 * of `blocks`, the whole reader's element type and bits.
 */
export async function expectBlocksEqualWhole(t: TensorSource, whole: Tensor, blocks: readonly number[]): Promise<void> {
  expect(t.shape).toEqual(whole.shape);
  expect(t.dtype).toBe(whole.dtype);
  for (const block of blocks) {
    const rows = await allRows(t, block);
    expect(rows.constructor).toBe(whole.data.constructor);
    expect(bits(rows)).toBe(bits(whole.data));
  }
}
