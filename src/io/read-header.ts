import { open } from "node:fs/promises";
import { npyHeaderEnd, readNpyHeader } from "./npy/npy-header.js";
import { npyLayout } from "./npy/read-npy.js";
import { selectKey } from "./select-key.js";
import { sniffFormat, type InputFormat } from "./sniff.js";
import { isTorchLegacy } from "./torch/torch-legacy.js";
import { safetensorsEntries, safetensorsHeaderLength } from "./weights/read-safetensors.js";

/** What a header-only read learned: the format, and the shape of the tensor a full read would give when the header names it. */
export interface TensorHeader {
  format: "npy" | "safetensors";
  shape?: number[];
}

export interface HeaderOptions {
  /** The file name used in messages. */
  source: string;
  /** The format the full read will use (`--input-format`), else sniffed as readTensor sniffs. */
  format?: InputFormat;
  /** The tensor a safetensors read picks (`--key`); a lone tensor is picked without one. */
  key?: string;
  /** The formats to check (default both); a file of another format is left to the full read. */
  formats?: readonly TensorHeader["format"][];
}

/** How many bytes are read first: the magic, the lengths and most headers. */
const HEAD = 4096;

/** The longest header read (safetensors' own limit): a longer one is left to the full read. */
const HEADER_MAX = 100_000_000;

/**
 * Checks the header of a .npy or .safetensors file by positioned reads of its first bytes and
 * its size, never its data: a .npy's magic, dict, dtype and that the size is the header plus
 * shape x dtype bytes; a .safetensors' length, JSON and every tensor's offsets within the file.
 * The same InputErrors, in the same words, as the full read (readTensor) would throw. Returns
 * undefined for other formats (npz, CSV, HDF5, ...) and for a header over 100 MB: left to the
 * full read.
 */
export async function readTensorHeader(path: string, options: HeaderOptions): Promise<TensorHeader | undefined> {
  const { source } = options;
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const prefix = async (n: number): Promise<Uint8Array> => {
      const buffer = new Uint8Array(Math.min(n, size));
      let done = 0;
      while (done < buffer.length) {
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    };
    let head = await prefix(HEAD);
    const format = options.format ?? headerFormat(head, size, source);
    if (format !== "npy" && format !== "safetensors") return undefined;
    if (options.formats && !options.formats.includes(format)) return undefined;
    if (format === "npy") {
      // the header length: 2 bytes (version 1) or 4 (versions 2 and 3) after magic and version
      // (read on only for a known version and a header that ends inside the file: else
      // readNpyHeader's error needs no more bytes)
      const end = npyHeaderEnd(head);
      if (end !== undefined) {
        if (end > HEADER_MAX && end <= size) return undefined;
        if (end > head.length && end <= size) head = await prefix(end);
      }
      const header = readNpyHeader(head, source, size);
      npyLayout(header, size, source);
      return { format, shape: header.shape };
    }
    const length = safetensorsHeaderLength(head);
    if (length > HEADER_MAX && length <= size - 8) return undefined;
    if (8 + length > head.length && length <= size - 8) head = await prefix(8 + length);
    const entries = safetensorsEntries(head, source, size);
    let name: string | undefined;
    try {
      name = selectKey(entries.map((e) => e.name), options.key, source, "tensor");
    } catch {
      name = undefined; // which tensor is the full read's to say
    }
    const entry = entries.find((e) => e.name === name);
    return { format, ...(entry ? { shape: entry.shape } : {}) };
  } finally {
    await handle.close();
  }
}

/** The format readTensor would sniff, as far as .npy and .safetensors go, from the first bytes and the size. */
function headerFormat(head: Uint8Array, size: number, source: string): InputFormat | undefined {
  if (size === 0) return sniffFormat(head, source); // E_EMPTY, in the reader's words
  const startsWith = (...magic: number[]): boolean => magic.every((b, i) => head[i] === b);
  if (startsWith(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59)) return "npy";
  const zip = startsWith(0x50, 0x4b, 0x03, 0x04) || startsWith(0x50, 0x4b, 0x05, 0x06);
  if (zip || isTorchLegacy(head) || startsWith(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a)) return undefined;
  if (head.length >= 9 && head[8] === 0x7b) {
    const view = new DataView(head.buffer, head.byteOffset, head.length);
    if (view.getUint32(4, true) === 0 && view.getUint32(0, true) <= size - 8) return "safetensors";
  }
  const extension = /\.([A-Za-z]+)$/.exec(source)?.[1]?.toLowerCase();
  return extension === "npy" ? "npy" : extension === "safetensors" ? "safetensors" : undefined;
}
