import { InputError, UsageError } from "../errors.js";
import { bytesSource } from "./byte-source.js";
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

/**
 * readTensor, except that an HDF5 dataset the whole reader (jsfive) cannot read and the block
 * reader can (layout version 4's chunk indexes, written under libver='latest'; compact storage)
 * is read by the block reader into one tensor: the values h5py gives (tested). Where neither
 * reads the dataset, the error names what the block reader lacks (a filter, an index) when it
 * knows, and is the whole reader's otherwise; every other outcome is readTensor's.
 */
export async function readTensorAsync(bytes: Uint8Array, options: ReadOptions): Promise<Tensor> {
  try {
    return readTensor(bytes, options);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const stdin = options.source === "-" || options.source === "<stdin>";
    if ((options.format ?? sniffFormat(bytes, stdin ? undefined : options.source)) !== "h5") throw error;
    const { openHdf5Source, hdf5Refusal, Hdf5Unsupported } = await import("./hdf5/hdf5-source.js");
    const source = stdin ? "<stdin>" : options.source;
    let t: Awaited<ReturnType<typeof openHdf5Source>>;
    try {
      t = await openHdf5Source(bytesSource(bytes), source, options.key, { refuse: true });
    } catch (blocks) {
      // what the block reader lacks, named, where the whole reader could only say it failed (its
      // E_DTYPE and E_KEY say more); for a file the block reader finds corrupt, the whole reader's words
      throw blocks instanceof Hdf5Unsupported && error.code === "E_HDF5" ? hdf5Refusal(source, blocks) : error;
    }
    if (t === undefined) throw error;
    const data = await t.readRows(0, t.shape.length === 0 ? 1 : t.shape[0]!);
    return { shape: t.shape, data, dtype: t.dtype };
  }
}
