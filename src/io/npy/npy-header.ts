import { inputError } from "../input-error.js";
import { parsePythonLiteral, PythonLiteralError, type PyValue } from "../text/python-literal.js";

/** What the header of a .npy file says about its array. */
export interface NpyHeader {
  version: string;
  /** The raw 'descr' value: a dtype string such as '<f4', or a list for structured dtypes. */
  descr: PyValue;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the first data byte. */
  dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/**
 * Where a .npy file's header (magic, version, length and dict) ends, from its first 12 bytes;
 * undefined when they do not say (too few bytes, an unknown version: readNpyHeader says why).
 * A reader of the file's start reads this far to parse the header.
 */
export function npyHeaderEnd(head: Uint8Array): number | undefined {
  if (head.length < 12 || head[7] !== 0 || !(head[6]! >= 1 && head[6]! <= 3)) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.length);
  return head[6] === 1 ? 10 + view.getUint16(8, true) : 12 + view.getUint32(8, true);
}

/**
 * Reads the magic, version and header dict of a .npy file (versions 1.0, 2.0 and 3.0). The
 * dict is parsed as a Python literal, never evaluated, and must hold exactly the keys
 * 'descr', 'fortran_order' and 'shape'. `bytes` may be the file's first bytes only (at least
 * its whole header) when `fileSize` gives the file's size.
 */
export function readNpyHeader(bytes: Uint8Array, source: string, fileSize = bytes.length): NpyHeader {
  for (let i = 0; i < MAGIC.length; i++) {
    if (i >= bytes.length) {
      throw inputError(source, `byte ${i}`, `file ends after ${bytes.length} bytes`, "the 6-byte magic \\x93NUMPY", "E_TRUNCATED");
    }
    if (bytes[i] !== MAGIC[i]) throw inputError(source, `byte ${i}`, "not a .npy file", "the magic \\x93NUMPY", "E_MAGIC");
  }
  if (bytes.length < 8) throw inputError(source, "byte 6", "file ends inside the version", "2 version bytes", "E_TRUNCATED");
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (minor !== 0 || major < 1 || major > 3) {
    throw inputError(source, "byte 6", `format version ${major}.${minor}`, "version 1.0, 2.0 or 3.0", "E_VERSION");
  }
  const lengthBytes = major === 1 ? 2 : 4;
  const start = 8 + lengthBytes;
  if (bytes.length < start) {
    throw inputError(source, "byte 8", "file ends inside the header length", `${lengthBytes} bytes of header length`, "E_TRUNCATED");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (start + headerLength > fileSize) {
    throw inputError(source, "byte 8", `header length ${headerLength} runs past the end of the ${fileSize}-byte file`,
      `at most ${fileSize - start}`, "E_TRUNCATED");
  }
  const headerBytes = bytes.subarray(start, start + headerLength);
  let text: string;
  try {
    text = new TextDecoder(major === 3 ? "utf-8" : "latin1", { fatal: true }).decode(headerBytes);
  } catch (cause) {
    throw inputError(source, `byte ${start}`, "header is not valid UTF-8", "a UTF-8 header in version 3.0", "E_HEADER", cause);
  }
  const byteAt = (charIndex: number): number =>
    start + (major === 3 ? new TextEncoder().encode(text.slice(0, charIndex)).length : charIndex);

  let dict: PyValue;
  try {
    dict = parsePythonLiteral(text);
  } catch (cause) {
    if (!(cause instanceof PythonLiteralError)) throw cause;
    throw inputError(source, `byte ${byteAt(cause.position)}`, `header has ${cause.found}`, cause.expected, "E_HEADER", cause);
  }
  const place = `byte ${start}`;
  if (dict === null || typeof dict !== "object" || dict.kind !== "dict") {
    throw inputError(source, place, "header is not a dict", "{'descr': ..., 'fortran_order': ..., 'shape': (...)}", "E_HEADER");
  }
  const fields = new Map<string, PyValue>();
  for (const [key, value] of dict.entries) {
    if (typeof key !== "string" || !["descr", "fortran_order", "shape"].includes(key) || fields.has(key)) {
      throw inputError(source, place, `header has key ${JSON.stringify(key)}`, "each of 'descr', 'fortran_order', 'shape' once", "E_HEADER");
    }
    fields.set(key, value);
  }
  for (const key of ["descr", "fortran_order", "shape"]) {
    if (!fields.has(key)) throw inputError(source, place, `header lacks '${key}'`, "'descr', 'fortran_order' and 'shape'", "E_HEADER");
  }
  const fortranOrder = fields.get("fortran_order");
  if (typeof fortranOrder !== "boolean") {
    throw inputError(source, place, "'fortran_order' is not True or False", "True or False", "E_HEADER");
  }
  const shape = fields.get("shape");
  if (shape === null || typeof shape !== "object" || shape.kind !== "tuple" || !shape.items.every((d) => typeof d === "number")) {
    throw inputError(source, place, "'shape' is not a tuple of integers", "a tuple such as (3, 4), (3,) or ()", "E_HEADER");
  }
  return { version: `${major}.0`, descr: fields.get("descr")!, fortranOrder, shape: shape.items as number[], dataOffset: start + headerLength };
}
