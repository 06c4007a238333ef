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
  const { header, type, count } = npyLayout(bytes, bytes.length, source);
  const decoded = decodeElements(bytes, header.dataOffset, count, type);
  const data = header.fortranOrder ? fortranToC(decoded, header.shape) : decoded;
  return { shape: header.shape, data, dtype: header.descr as string };
}

/**
 * The header of a .npy file of `fileSize` bytes, checked as readNpy checks it (magic, version,
 * dict, dtype, shape) and against the file's size, from `head`: its first bytes, at least the
 * whole header when the file holds one. No data byte is needed, so a validation reads a few KB.
 */
export function npyLayout(head: Uint8Array, fileSize: number, source: string): { header: NpyHeader; type: ElementType; count: number } {
  const header = readNpyHeader(head, source, fileSize);
  const type = npyDtype(header.descr, source);
  const dtypeText = header.descr as string;
  const shapeText = `(${header.shape.join(", ")}${header.shape.length === 1 ? "," : ""})`;
  const count = elementCount(header.shape, source, `shape ${shapeText}`);
  const needed = count * type.size;
  const available = fileSize - header.dataOffset;
  if (needed > available) {
    throw inputError(source, `byte ${header.dataOffset}`,
      `shape ${shapeText} of '${dtypeText}' needs ${needed} data bytes but the file has ${available}`,
      `${needed} bytes after the header`, "E_TRUNCATED");
  }
  if (needed < available) {
    throw inputError(source, `byte ${header.dataOffset + needed}`,
      `${available - needed} bytes follow the ${needed} data bytes of shape ${shapeText}`, "the file to end there", "E_TRAILING");
  }
  return { header, type, count };
}
