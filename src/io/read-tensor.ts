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
import type { TensorSource } from "./tensor-source.js";

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
 * readTensor, with HDF5 read by both readers. A chunked dataset goes to the block reader (gzip
 * through Node's zlib, the chunks copied in blocks: jsfive decodes each value through JavaScript,
 * ~0.6 µs a value); the rest, and any chunked dataset the block reader lacks a feature for or
 * finds corrupt, to the whole reader (jsfive: contiguous data viewed without a copy, its
 * messages). Where jsfive fails, a dataset the block reader reads (layout version 4's chunk
 * indexes, which jsfive cannot read; compact storage) is read by it; where neither reads it, the
 * error names what the block reader lacks when it knows and jsfive could only say it failed, and
 * is jsfive's otherwise (E_DTYPE, E_KEY, a corrupt file). Every other format is readTensor's.
 */
export async function readTensorAsync(bytes: Uint8Array, options: ReadOptions): Promise<Tensor> {
  const stdin = options.source === "-" || options.source === "<stdin>";
  const source = stdin ? "<stdin>" : options.source;
  if ((options.format ?? sniffFormat(bytes, stdin ? undefined : options.source)) !== "h5") return readTensor(bytes, options);
  const { openHdf5Source, hdf5Refusal, Hdf5Unsupported } = await import("./hdf5/hdf5-source.js");
  /** The whole source's rows as one tensor. */
  const all = async (t: TensorSource): Promise<Tensor> => ({ shape: t.shape, data: await t.readRows(0, t.shape.length === 0 ? 1 : t.shape[0]!), dtype: t.dtype });
  try {
    const chunked = await openHdf5Source(bytesSource(bytes), source, options.key, { chunkedOnly: true });
    if (chunked) return await all(chunked);
  } catch (error) {
    // a feature it lacks, a corrupt file, a missing key: the whole reader's verdict, below
    if (!(error instanceof InputError)) throw error;
  }
  try {
    return readTensor(bytes, options);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    try {
      const t = await openHdf5Source(bytesSource(bytes), source, options.key, { refuse: true });
      if (t) return await all(t);
    } catch (blocks) {
      // what the block reader lacks, named, where the whole reader could only say it failed
      if (blocks instanceof Hdf5Unsupported && error.code === "E_HDF5") throw hdf5Refusal(source, blocks);
      if (!(blocks instanceof InputError) && !(blocks instanceof Hdf5Unsupported)) throw blocks;
    }
    throw error;
  }
}
