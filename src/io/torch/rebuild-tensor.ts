import { decodeElements } from "../npy/decode-elements.js";
import { elementCount } from "../npy/element-count.js";
import { inputError } from "../input-error.js";
import type { Tensor } from "../tensor.js";
import type { ElementType } from "../npy/decode-elements.js";
import { SUPPORTED_DTYPES, withByteOrder, type TorchDtype } from "./torch-dtype.js";
import type { TorchTensor } from "./torch-objects.js";

/**
 * The values of a strided tensor in row-major order, from its storage's bytes: shape, strides
 * and storage offset are checked against the storage; a contiguous float32 view of an aligned
 * storage is read without a copy, any other layout (a transpose, a slice) is gathered.
 */
export function rebuildTensor(t: TorchTensor, storage: Uint8Array | undefined, littleEndian: boolean, source: string, place: string): Tensor {
  const { shape, stride, offset } = t;
  const { dtype, count, base, last } = tensorView(t, storage?.length, littleEndian, source, place);
  const size = dtype.size;
  if (count === 0) return { shape, data: size === 8 || dtype.type.kind !== "f" && dtype.type.kind !== "bf" ? new Float64Array(0) : new Float32Array(0), dtype: dtype.numpy };
  storage = storage!;
  if (isContiguous(shape, stride)) return { shape, data: decodeElements(storage, base, count, dtype.type), dtype: dtype.numpy };
  const span = decodeElements(storage, base, last - offset + 1, dtype.type);
  const data = span instanceof Float32Array ? new Float32Array(count) : new Float64Array(count);
  const index = new Array<number>(shape.length).fill(0);
  let at = 0;
  for (let i = 0; i < count; i++) {
    data[i] = span[at]!;
    for (let d = shape.length - 1; d >= 0; d--) {
      at += stride[d]!;
      if (++index[d]! < shape[d]!) break;
      at -= stride[d]! * shape[d]!;
      index[d] = 0;
    }
  }
  return { shape, data, dtype: dtype.numpy };
}

/**
 * The checks of rebuildTensor, by the storage's byte length only (the block reader's too): the
 * dtype decoded, the storage present and whole, the view inside it. `base`: the view's first
 * byte in the storage; `last`: its last element from the view's offset (count > 0).
 */
export function tensorView(t: TorchTensor, storageLength: number | undefined, littleEndian: boolean, source: string, place: string): { dtype: TorchDtype & { type: ElementType; numpy: string }; count: number; base: number; last: number } {
  const { shape, stride, offset } = t;
  const dtype = withByteOrder(t.storage.dtype, littleEndian);
  if (dtype.type === undefined || dtype.numpy === undefined) {
    throw inputError(source, place, `dtype ${dtype.name} is not supported`, SUPPORTED_DTYPES, "E_DTYPE");
  }
  if (storageLength === undefined) throw inputError(source, place, `storage '${t.storage.key}' is missing`, "every storage the pickle names", "E_TRUNCATED");
  const size = dtype.size;
  const numel = t.storage.numel;
  const start = t.storage.elementOffset;
  if ((start + numel) * size > storageLength) {
    throw inputError(source, place, `storage '${t.storage.key}' of ${numel} ${dtype.name} elements needs ${(start + numel) * size} bytes but has ${storageLength}`, "the whole storage", "E_TRUNCATED");
  }
  const count = elementCount(shape, source, place);
  let last = offset;
  for (let d = 0; d < shape.length; d++) last += (shape[d]! - 1) * stride[d]!;
  if (count > 0 && last >= numel) {
    throw inputError(source, place, `shape [${shape.join(", ")}] with stride [${stride.join(", ")}] from offset ${offset} reaches element ${last} of a ${numel}-element storage`,
      "a view inside its storage", "E_SHAPE");
  }
  return { dtype: dtype as TorchDtype & { type: ElementType; numpy: string }, count, base: (start + offset) * size, last };
}

/** Row-major strides (dimensions of size 1 may have any stride). */
export function isContiguous(shape: readonly number[], stride: readonly number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] !== 1 && stride[d] !== expected) return false;
    expected *= shape[d]!;
  }
  return true;
}
