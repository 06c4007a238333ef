import { crc32 } from "../../src/io/zip/crc32.js";
import { writeNpy } from "../../src/io/npy/write-npy.js";

/** Test helpers: small model files made in memory (safetensors of any float dtype, npz, .npy, JSON). */

export type FloatDtype = "F16" | "BF16" | "F32" | "F64";
export interface NamedTensor {
  name: string;
  shape: number[];
  values: number[];
  dtype?: FloatDtype | "I32";
}

const SIZE = { F16: 2, BF16: 2, F32: 4, F64: 8, I32: 4 } as const;

/** binary16 bits of a value exactly representable as a normal half (or 0). */
function halfBits(v: number): number {
  if (v === 0) return Object.is(v, -0) ? 0x8000 : 0;
  const sign = v < 0 ? 0x8000 : 0;
  const a = Math.abs(v);
  const e = Math.floor(Math.log2(a));
  const m = (a / 2 ** e - 1) * 1024;
  if (!Number.isInteger(m) || e < -14 || e > 15) throw new RangeError(`${v} is not an exact normal float16`);
  return sign | ((e + 15) << 10) | m;
}

function encode(values: number[], dtype: FloatDtype | "I32"): Uint8Array {
  const out = new Uint8Array(values.length * SIZE[dtype]);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    if (dtype === "F64") view.setFloat64(i * 8, v, true);
    else if (dtype === "F32") view.setFloat32(i * 4, v, true);
    else if (dtype === "I32") view.setInt32(i * 4, v, true);
    else if (dtype === "F16") view.setUint16(i * 2, halfBits(v), true);
    else {
      const f = new DataView(new ArrayBuffer(4));
      f.setFloat32(0, v, true);
      if (f.getUint16(0, true) !== 0) throw new RangeError(`${v} is not an exact bfloat16`);
      view.setUint16(i * 2, f.getUint16(2, true), true);
    }
  });
  return out;
}

/** A .safetensors file holding the tensors in order. */
export function safetensors(tensors: NamedTensor[]): Uint8Array {
  const header: Record<string, unknown> = {};
  const blobs: Uint8Array[] = [];
  let offset = 0;
  for (const t of tensors) {
    const dtype = t.dtype ?? "F32";
    const b = encode(t.values, dtype);
    header[t.name] = { dtype, shape: t.shape, data_offsets: [offset, offset + b.length] };
    offset += b.length;
    blobs.push(b);
  }
  let text = JSON.stringify(header);
  text = text.padEnd(Math.ceil(text.length / 8) * 8, " ");
  const out = new Uint8Array(8 + text.length + offset);
  new DataView(out.buffer).setUint32(0, text.length, true);
  out.set(new TextEncoder().encode(text), 8);
  let at = 8 + text.length;
  for (const b of blobs) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** A .npy file (float64) of one tensor. */
export function npy(t: NamedTensor): Uint8Array {
  return writeNpy({ shape: t.shape, data: Float64Array.from(t.values) });
}

/** An uncompressed .npz (zip, stored) of the tensors as float64 .npy entries, as np.savez writes. */
export function npz(tensors: NamedTensor[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const t of tensors) {
    const name = new TextEncoder().encode(`${t.name}.npy`);
    const data = npy(t);
    const crc = crc32(data);
    const local = new Uint8Array(30 + name.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(data, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const centralSize = centrals.reduce((s, c) => s + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, tensors.length, true);
  ev.setUint16(10, tensors.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + 22);
  let at = 0;
  for (const part of [...locals, ...centrals, eocd]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Row-major values of a [rows, cols] nested array. */
export const flat = (rows: number[][]) => rows.flat();

/** PyTorch-layout tensors of a 3-2-2 model; every value exact in f16 and bf16. */
export const W1 = [[1, -1, 0.5], [0.25, 2, -1]];
export const B1 = [0.5, -0.25];
export const W2 = [[1, -0.5], [2, 0.25]];
export const B2 = [0, 1];
export function smallModel(dtype: FloatDtype = "F32"): NamedTensor[] {
  return [
    { name: "fc1.weight", shape: [2, 3], values: flat(W1), dtype },
    { name: "fc1.bias", shape: [2], values: B1, dtype },
    { name: "fc2.weight", shape: [2, 2], values: flat(W2), dtype },
    { name: "fc2.bias", shape: [2], values: B2, dtype },
  ];
}

/** The same model's outputs by plain loops: relu hidden, identity output. */
export function smallModelForward(x: number[][]): { hidden: number[][]; output: number[][] } {
  const lin = (v: number[], w: number[][], b: number[]) => w.map((row, j) => row.reduce((s, wk, k) => s + wk * v[k]!, b[j]!));
  const hidden = x.map((v) => lin(v, W1, B1).map((h) => Math.max(0, h)));
  return { hidden, output: hidden.map((h) => lin(h, W2, B2)) };
}
