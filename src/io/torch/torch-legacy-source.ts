import type { ByteSource } from "../byte-source.js";
import { inputError } from "../input-error.js";
import { selectKey } from "../select-key.js";
import { rowSource } from "../row-source.js";
import type { TensorSource } from "../tensor-source.js";
import { flattenTensors } from "./flatten-tensors.js";
import { isContiguous, tensorView } from "./rebuild-tensor.js";
import { stridedSource } from "./strided-source.js";
import { legacyFail, legacyLength, legacyRoot, readLegacyPickles } from "./torch-legacy.js";

/** The pickles of a legacy file are read whole from its first bytes: past this many, the whole-file reader has it. */
const PICKLES_MAX = 64 * 2 ** 20;

/**
 * The tensor `key` picks (the lone one without) of a legacy PyTorch file
 * (`_use_new_zipfile_serialization=False`) as a TensorSource: the pickles at its start are read
 * and unpickled (nothing called), then each storage record's 8-byte count by a positioned read,
 * skipping the storages, which stay on disk; the tensor is a window on its storage, gathered by
 * strides when it is a view. The whole reader's checks and messages (openTorchLegacy, readTorch);
 * undefined for an empty tensor, or pickles past the first 64 MiB.
 */
export async function torchLegacySource(bytes: ByteSource, source: string, key: string | undefined): Promise<TensorSource | undefined> {
  const head = await bytes.read(0, Math.min(bytes.size, PICKLES_MAX));
  let pickles: ReturnType<typeof readLegacyPickles>;
  try {
    pickles = readLegacyPickles(head, source);
  } catch (error) {
    if (head.length < bytes.size) return undefined; // the pickles may run past the head
    throw error;
  }
  const { value, roots, keys, end } = pickles;
  const fail = legacyFail(source);
  const starts = new Map<string, { start: number; length: number }>();
  let pos = end;
  for (const k of keys) {
    const root = legacyRoot(roots, k, pos, fail);
    if (pos + 8 > bytes.size) throw fail(pos, `storage '${k}': the file ends before its size`, "an 8-byte element count", "E_TRUNCATED");
    const count = await bytes.read(pos, 8);
    const view = new DataView(count.buffer, count.byteOffset, 8);
    const length = legacyLength(view.getUint32(4, true) * 4294967296 + view.getUint32(0, true), root, k, pos, fail);
    if (pos + 8 + length > bytes.size) {
      throw fail(pos + 8, `storage '${k}' needs ${length} bytes but the file has ${bytes.size - pos - 8}`, "the whole storage inside the file", "E_TRUNCATED");
    }
    starts.set(k, { start: pos + 8, length });
    pos += 8 + length;
  }
  const tensors = flattenTensors(value, source);
  const names = [...tensors.keys()];
  if (key !== undefined && names.length === 1 && names[0] === "") {
    throw inputError(source, `tensor '${key}'`, "not found: the file holds one tensor, not a dict", "no --key", "E_KEY");
  }
  const name = selectKey(names, key, source, "tensor");
  const t = tensors.get(name)!;
  const storage = starts.get(t.storage.key);
  const { dtype, count, base } = tensorView(t, storage?.length, true, source, name === "" ? "tensor" : `tensor '${name}'`);
  if (count === 0) return undefined;
  const { start, length } = storage!;
  const window: ByteSource = {
    size: length,
    read: (offset, n) => bytes.read(start + offset, Math.max(0, Math.min(n, length - offset))),
    close: async () => undefined,
  };
  return isContiguous(t.shape, t.stride)
    ? rowSource(window, t.shape, dtype.numpy, dtype.type, base, false)
    : stridedSource(window, t.shape, t.stride, base / dtype.size, dtype.numpy, dtype.type);
}
