import { decodeElements, type ElementType } from "./decode-elements.js";
import { elementCount } from "./element-count.js";
import { fortranToC } from "./fortran-to-c.js";
import { inputError } from "../input-error.js";
import { npyDtype } from "./npy-dtype.js";
import { readNpyHeader, type NpyHeader } from "./npy-header.js";
import type { Tensor } from "../tensor.js";

/**
 * Reads a .npy file (format 1.0, 2.0 or 3.0) into a C-order Tensor. Aligned little-endian
 * f4/f8 C-order data is a view over `bytes` (no copy). The data must be exactly as long as the
 * shape needs: a short file is E_TRUNCATED and trailing bytes are refused as E_TRAILING
 * (numpy ignores them; here they most likely mean a corrupt or concatenated file).
 */
export function readNpy(bytes: Uint8Array, source: string): Tensor {
  const header = readNpyHeader(bytes, source);
  const { type, count } = npyLayout(header, bytes.length, source);
  const decoded = decodeElements(bytes, header.dataOffset, count, type);
  const data = header.fortranOrder ? fortranToC(decoded, header.shape) : decoded;
  return { shape: header.shape, data, dtype: header.descr as string };
}

/**
 * The element type and count of a .npy file of `size` bytes with this header, checked: the data
 * must be exactly as long as the shape needs (E_TRUNCATED, E_TRAILING).
 */
export function npyLayout(header: NpyHeader, size: number, source: string): { type: ElementType; count: number } {
  const type = npyDtype(header.descr, source);
  const dtypeText = header.descr as string;
  const shapeText = `(${header.shape.join(", ")}${header.shape.length === 1 ? "," : ""})`;
  const count = elementCount(header.shape, source, `shape ${shapeText}`);
  const needed = count * type.size;
  const available = size - header.dataOffset;
  if (needed > available) {
    throw inputError(source, `byte ${header.dataOffset}`,
      `shape ${shapeText} of '${dtypeText}' needs ${needed} data bytes but the file has ${available}`,
      `${needed} bytes after the header`, "E_TRUNCATED");
  }
  if (needed < available) {
    throw inputError(source, `byte ${header.dataOffset + needed}`,
      `${available - needed} bytes follow the ${needed} data bytes of shape ${shapeText}`, "the file to end there", "E_TRAILING");
  }
  return { type, count };
}
