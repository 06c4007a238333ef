import { UsageError } from "../errors.js";
import { readHdf5 } from "./hdf5/read-hdf5.js";
import { readDelimited } from "./text/read-delimited.js";
import { readJsonMatrix } from "./text/read-json-matrix.js";
import { readNpy } from "./npy/read-npy.js";
import { readNpz } from "./zip/read-npz.js";
import { readSafetensors } from "./weights/read-safetensors.js";
import { readWhitespace } from "./text/read-whitespace.js";
import { sniffFormat, type InputFormat } from "./sniff.js";
import { readTorch } from "./torch/read-torch.js";
import type { Tensor } from "./tensor.js";

export interface ReadOptions {
  /** The file name used in messages and for the extension; "-" or "<stdin>" for stdin (shown as "<stdin>"). */
  source: string;
  /** Skip sniffing and read as this format. */
  format?: InputFormat;
  /** The array (npz), tensor (safetensors; PyTorch by dotted name), dataset path (HDF5) or member (JSON object) to read. */
  key?: string;
}

/** Reads `bytes` as `options.format`, or as the format sniffed from the bytes and the source name. */
export function readTensor(bytes: Uint8Array, options: ReadOptions): Tensor {
  const { key } = options;
  const stdin = options.source === "-" || options.source === "<stdin>";
  const source = stdin ? "<stdin>" : options.source;
  const format = options.format ?? sniffFormat(bytes, stdin ? undefined : source);
  if (key !== undefined && (format === "npy" || format === "csv" || format === "tsv" || format === "txt")) {
    throw new UsageError(`${source}: key '${key}' given for ${format} data, which holds one array (expected a key only for npz, safetensors, HDF5 or a JSON object)`, "E_KEY");
  }
  switch (format) {
    case "npy":
      return readNpy(bytes, source);
    case "npz":
      return readNpz(bytes, source, key);
    case "safetensors":
      return readSafetensors(bytes, source, key);
    case "h5":
      return readHdf5(bytes, source, key);
    case "pt":
      return readTorch(bytes, source, key);
    case "json":
      return readJsonMatrix(bytes, source, key);
    case "csv":
      return readDelimited(bytes, source, ",");
    case "tsv":
      return readDelimited(bytes, source, "\t");
    case "txt":
      return readWhitespace(bytes, source);
  }
}
