import { inputError } from "./input-error.js";
import { parseNumberCell } from "./text/parse-number-cell.js";
import { isTorchLegacy } from "./torch/torch-legacy.js";
import { torchPickleEntry } from "./torch/torch-zip.js";
import { readZipDirectory } from "./zip/zip-directory.js";

export type InputFormat = "npy" | "npz" | "safetensors" | "pt" | "h5" | "json" | "csv" | "tsv" | "txt";

const EXTENSIONS: Record<string, InputFormat> = {
  npy: "npy", npz: "npz", safetensors: "safetensors", pt: "pt", pth: "pt", json: "json", csv: "csv", tsv: "tsv", tab: "tsv",
  h5: "h5", hdf5: "h5", hdf: "h5",
};

/**
 * Guesses the format of `bytes`: magic bytes first (\x93NUMPY, PK\x03\x04 (a torch zip when
 * it has a <prefix>/data.pkl entry, else npz), torch's legacy magic number, \x89HDF, a
 * safetensors header length followed by '{', a JSON '[' or '{'), then the extension of `name`,
 * then, for text without a known extension (stdin, .txt, .dat), by its first line that is not
 * blank or a `#` comment: TSV if it has a tab (for .txt and .dat, only if it also has a word),
 * whitespace-separated text (np.savetxt) if it is two or more numbers separated by spaces or
 * tabs and no comma, else CSV.
 * Zero bytes are E_EMPTY; binary data of no known kind is E_FORMAT.
 */
export function sniffFormat(bytes: Uint8Array, name?: string): InputFormat {
  const source = name ?? "<stdin>";
  if (bytes.length === 0) throw inputError(source, "", "file is empty (0 bytes)", "npy, npz, safetensors, PyTorch, HDF5, JSON, CSV, TSV or whitespace-separated data", "E_EMPTY");
  const startsWith = (...magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);
  if (startsWith(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59)) return "npy";
  if (startsWith(0x50, 0x4b, 0x03, 0x04) || startsWith(0x50, 0x4b, 0x05, 0x06)) return isTorchZip(bytes) ? "pt" : "npz";
  if (isTorchLegacy(bytes)) return "pt";
  if (startsWith(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a)) return "h5";
  if (bytes.length >= 9 && bytes[8] === 0x7b) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    if (view.getUint32(4, true) === 0 && view.getUint32(0, true) <= bytes.length - 8) return "safetensors";
  }
  const extension = /\.([A-Za-z]+)$/.exec(name ?? "")?.[1]?.toLowerCase();
  const byName = extension === undefined ? undefined : EXTENSIONS[extension];
  if (byName !== undefined) return byName;
  const head = bytes.subarray(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0, 4096);
  let first = 0;
  while (first < head.length && [0x20, 0x09, 0x0a, 0x0d].includes(head[first]!)) first++;
  if (head[first] === 0x5b || head[first] === 0x7b) return "json";
  if (head.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) {
    const lines = new TextDecoder().decode(head).split("\n");
    const at = lines.findIndex((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
    const line = at < 0 ? "" : lines[at]!;
    const cells = line.trim().split(/[ \t]+/);
    // a line longer than the 4 KB looked at ends mid-number: judge the numbers before it
    if (at === lines.length - 1 && head.length < bytes.length) cells.pop();
    const numbers = cells.every((c) => parseNumberCell(c) !== undefined);
    if (line.includes("\t") && !(numbers && /\.(?:txt|dat)$/i.test(name ?? ""))) return "tsv";
    return !line.includes(",") && cells.length > 1 && numbers ? "txt" : "csv";
  }
  // an ONNX model's ModelProto: ir_version (field 1) first, then producer_name ... graph
  if (/\.onnx$/i.test(source) || (bytes[0] === 0x08 && bytes[1]! > 0 && bytes[1]! < 0x20 && [0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a].includes(bytes[2]!))) {
    throw inputError(source, "", "is an ONNX model, not activations", "--weights MODEL.onnx --input X.npy to compute its activations", "E_FORMAT");
  }
  throw inputError(source, "byte 0", "unrecognised binary data",
    "a .npy, .npz, .safetensors, .pt, .h5, .json, .csv, .tsv or .txt file", "E_FORMAT");
}

/** A zip holding `<prefix>/data.pkl` is torch.save's; a zip whose directory cannot be read is left to the npz reader's messages. */
function isTorchZip(bytes: Uint8Array): boolean {
  try {
    return torchPickleEntry(readZipDirectory(bytes, "")) !== undefined;
  } catch {
    return false;
  }
}
