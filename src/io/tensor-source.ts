import type { ByteSource } from "./byte-source.js";
import { npyHeaderEnd, readNpyHeader } from "./npy/npy-header.js";
import { npyLayout } from "./npy/read-npy.js";
import { rowSource } from "./row-source.js";
import { UsageError } from "../errors.js";
import type { ZipEntry } from "./zip/zip-directory.js";
import { safetensorsHeaderLength, safetensorsLayout } from "./weights/read-safetensors.js";

/**
 * An array read in blocks of rows (along its first axis) by positioned reads, so that no buffer
 * holds the whole file: the values of rows [start, end) in C order, as the whole-file reader
 * would give them (the same element type, the same bits).
 */
export interface TensorSource {
  shape: readonly number[];
  /** The dtype as numpy spells it ("<f4", "bf16"), as the whole-file reader's Tensor.dtype. */
  dtype: string;
  /** Bytes per row (all axes after the first). */
  rowBytes: number;
  /**
   * Rows [start, end) (the first axis), row-major; a rank-0 array has one row. `scratch`, the
   * bytes of a block the caller is done with, may be read into again (the result may be a view
   * on it).
   */
  readRows(start: number, end: number, scratch?: Uint8Array): Promise<Float32Array | Float64Array>;
}

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The array of a .npy (C or Fortran order), .npz (stored or deflated members), .safetensors,
 * PyTorch (zip or legacy; a strided view gathered by strides) or HDF5 file (`key` picks its
 * tensor, array or dataset) as a TensorSource over `bytes`, with the whole-file readers' checks
 * and messages; undefined for any other format, and for what a block reader leaves to the
 * whole-file reader (an HDF5 feature it lacks, an empty tensor): the caller reads those whole.
 * `format` skips sniffing, as --input-format does.
 */
export async function openTensorSource(bytes: ByteSource, source: string, options: { key?: string; format?: string } = {}): Promise<TensorSource | undefined> {
  const head = await bytes.read(0, Math.min(bytes.size, 12));
  const npy = options.format === "npy" || (options.format === undefined && NPY_MAGIC.every((b, i) => head[i] === b));
  if (npy) {
    if (options.key !== undefined) {
      throw new UsageError(`${source}: key '${options.key}' given for npy data, which holds one array (expected a key only for npz, safetensors, HDF5 or a JSON object)`, "E_KEY");
    }
    return npySource(bytes, head, source);
  }
  const zip = head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05);
  if (options.format === "npz" || ((options.format === undefined || options.format === "pt") && zip)) return npzSource(bytes, source, options.key, options.format);
  if (options.format === undefined || options.format === "pt") {
    const [{ isTorchLegacy }, probe] = await Promise.all([import("./torch/torch-legacy.js"), bytes.read(0, Math.min(bytes.size, 32))]);
    if (isTorchLegacy(probe)) return (await import("./torch/torch-legacy-source.js")).torchLegacySource(bytes, source, options.key);
    if (options.format === "pt") return undefined;
  }
  if (options.format === "h5" || (options.format === undefined && HDF5_MAGIC.every((b, i) => head[i] === b))) {
    const { openHdf5Source } = await import("./hdf5/hdf5-source.js");
    return openHdf5Source(bytes, source, options.key);
  }
  const view = new DataView(head.buffer, head.byteOffset, head.length);
  const safetensors =
    options.format === "safetensors" ||
    (options.format === undefined && head.length >= 9 && head[8] === 0x7b && view.getUint32(4, true) === 0 && view.getUint32(0, true) <= bytes.size - 8);
  return safetensors ? safetensorsSource(bytes, source, options.key) : undefined;
}

/**
 * The array `key` picks (a lone one without) of an .npz archive, stored or deflated, read by
 * offset (zipMemberSource); undefined for another zip (a PyTorch or Keras file: an entry that is
 * not an .npy) unless `format` says it is one; a PyTorch zip when `format` is "pt".
 */
async function npzSource(bytes: ByteSource, source: string, key: string | undefined, format: string | undefined): Promise<TensorSource | undefined> {
  const [{ zipEntries, zipMemberSource }, { npzArrays }, { selectKey }] = await Promise.all([import("./zip/zip-member-source.js"), import("./zip/read-npz.js"), import("./select-key.js")]);
  const all = await zipEntries(bytes, source);
  if (format === "pt" || (format !== "npz" && !all.every((e) => e.name.endsWith("/") || e.name.endsWith(".npy")))) return torchSource(bytes, source, key, all);
  const entries = npzArrays(all, source);
  const name = selectKey([...entries.keys()], key, source, "array");
  const member = await zipMemberSource(bytes, entries.get(name)!, source);
  const head = await member.read(0, Math.min(member.size, 12));
  return npySource(member, head, `${source}: array '${name}'`);
}

/** The pickle of a torch zip is read whole: past this it is left to the whole-file reader. */
const PICKLE_MAX = 64 * 2 ** 20;

/**
 * The tensor `key` picks of a PyTorch zip file (torch.save's default format): its pickle read and unpickled (nothing called, as openTorch), its storage entry a
 * window on the file. Undefined for anything else, which the whole-file reader reads or refuses
 * in its own words: a zip without `<prefix>/data.pkl` (a Keras file), a storage smaller than
 * the view, an empty tensor, an unsupported dtype. A strided view (a transpose) is gathered by
 * its strides (stridedSource).
 */
async function torchSource(bytes: ByteSource, source: string, key: string | undefined, entries: readonly ZipEntry[]): Promise<TensorSource | undefined> {
  const [{ zipMemberSource }, { torchZipLayout, isLittleEndian }, { unpickleTorchZip }, { flattenTensors }, { withByteOrder }, { selectKey }, { isContiguous }] = await Promise.all([
    import("./zip/zip-member-source.js"),
    import("./torch/torch-zip.js"),
    import("./torch/read-torch.js"),
    import("./torch/flatten-tensors.js"),
    import("./torch/torch-dtype.js"),
    import("./select-key.js"),
    import("./torch/rebuild-tensor.js"),
  ]);
  const layout = torchZipLayout(entries);
  if (layout === undefined || layout.pickle.size > PICKLE_MAX) return undefined;
  const { pickle: pkl, byName, byteOrder } = layout;
  const whole = async (e: ZipEntry) => {
    const m = await zipMemberSource(bytes, e, source);
    return m.read(0, m.size);
  };
  const littleEndian = byteOrder === undefined || isLittleEndian(await whole(byteOrder), byteOrder, source);
  const tensors = flattenTensors(unpickleTorchZip(await whole(pkl), pkl.name, source), source);
  const names = [...tensors.keys()];
  if (key !== undefined && names.length === 1 && names[0] === "") return undefined; // the whole reader says why
  const t = tensors.get(selectKey(names, key, source, "tensor"))!;
  const dtype = withByteOrder(t.storage.dtype, littleEndian);
  const storage = byName.get(`data/${t.storage.key}`);
  const count = t.shape.reduce((a, b) => a * b, 1);
  if (dtype.type === undefined || dtype.numpy === undefined || storage === undefined || count === 0) return undefined;
  const start = (t.storage.elementOffset + t.offset) * dtype.size;
  let last = t.offset;
  for (let d = 0; d < t.shape.length; d++) last += (t.shape[d]! - 1) * t.stride[d]!;
  if ((t.storage.elementOffset + t.storage.numel) * dtype.size > storage.size || last >= t.storage.numel) return undefined;
  // a storage's CRC-32 is not checked, as openTorchZip does not (torch.load reads files saved without them)
  const member = await zipMemberSource(bytes, storage, source, { checkCrc: false });
  if (isContiguous(t.shape, t.stride)) return rowSource(member, t.shape, dtype.numpy, dtype.type, start, false);
  const { stridedSource } = await import("./torch/strided-source.js");
  return stridedSource(member, t.shape, t.stride, start / dtype.size, dtype.numpy, dtype.type);
}

async function npySource(bytes: ByteSource, head: Uint8Array, source: string): Promise<TensorSource> {
  const end = npyHeaderEnd(head);
  const header = readNpyHeader(await bytes.read(0, end === undefined ? head.length : Math.min(bytes.size, end)), source);
  const { type } = npyLayout(header, bytes.size, source);
  return rowSource(bytes, header.shape, header.descr as string, type, header.dataOffset, header.fortranOrder);
}

async function safetensorsSource(bytes: ByteSource, source: string, key: string | undefined): Promise<TensorSource> {
  const first = await bytes.read(0, Math.min(bytes.size, 8));
  const head = await bytes.read(0, Math.min(bytes.size, 8 + safetensorsHeaderLength(first)));
  const { shape, type, dtype, offset } = safetensorsLayout(head, source, bytes.size, key);
  return rowSource(bytes, shape, dtype, type, offset, false);
}
