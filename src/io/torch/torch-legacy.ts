import { inputError } from "../input-error.js";
import { PyDict, PyTuple } from "./python-values.js";
import { storageFromPid, torchGlobals, type Fail } from "./torch-globals.js";
import type { TorchDtype } from "./torch-dtype.js";
import { unpickle } from "./unpickle.js";

const MAGIC = 0x1950a86a20f9469cfc6cn;
/** The legacy magic number as a pickled LONG1: 0x8a, 10 bytes, little-endian. */
const MAGIC_BYTES = [0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

/** True when `bytes` start like torch's legacy format: PROTO, an optional FRAME, then the pickled magic number. */
export function isTorchLegacy(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x80 || bytes[1]! < 2 || bytes[1]! > 5) return false;
  const at = bytes[2] === 0x95 ? 11 : 2;
  return MAGIC_BYTES.every((b, i) => bytes[at + i] === b);
}

/**
 * Opens torch's legacy format (`_use_new_zipfile_serialization=False`): the pickled magic
 * number, protocol version 1001 and sys info, then the object's pickle, the pickled list of
 * storage keys, and for each key an int64 element count and the storage's little-endian bytes.
 */
export function openTorchLegacy(bytes: Uint8Array, source: string): { value: unknown; storage: (key: string) => Uint8Array | undefined } {
  const { value, roots, keys, end } = readLegacyPickles(bytes, source);
  const fail = legacyFail(source);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const data = new Map<string, Uint8Array>();
  let pos = end;
  for (const key of keys) {
    const root = legacyRoot(roots, key, pos, fail);
    if (pos + 8 > bytes.length) throw fail(pos, `storage '${key}': the file ends before its size`, "an 8-byte element count", "E_TRUNCATED");
    const length = legacyLength(view.getUint32(pos + 4, true) * 4294967296 + view.getUint32(pos, true), root, key, pos, fail);
    if (pos + 8 + length > bytes.length) {
      throw fail(pos + 8, `storage '${key}' needs ${length} bytes but the file has ${bytes.length - pos - 8}`, "the whole storage inside the file", "E_TRUNCATED");
    }
    data.set(key, bytes.subarray(pos + 8, pos + 8 + length));
    pos += 8 + length;
  }
  return { value, storage: (key) => data.get(key) };
}

/** The errors of the legacy reader: at a byte of the file. */
export function legacyFail(source: string): Fail {
  return (at, what, expected, code = "E_PICKLE") => inputError(source, `byte ${at}`, what, expected, code);
}

/** The root storage `key` names (one the pickle used). */
export function legacyRoot(roots: ReadonlyMap<string, { dtype: TorchDtype; numel: number }>, key: string, pos: number, fail: Fail): { dtype: TorchDtype; numel: number } {
  const root = roots.get(key);
  if (root === undefined) throw fail(pos, `storage '${key}' is listed but no tensor uses it`, "keys of the pickle's storages", "E_PICKLE");
  return root;
}

/** A storage's byte length from its element count, which must be the pickle's. */
export function legacyLength(count: number, root: { dtype: TorchDtype; numel: number }, key: string, pos: number, fail: Fail): number {
  if (count !== root.numel) throw fail(pos, `storage '${key}' has ${count} elements but the pickle says ${root.numel}`, "matching sizes", "E_SHAPE");
  return count * root.dtype.size;
}

/**
 * The pickles at the start of a legacy file: the object, its root storages by key, the storage
 * keys in the order their records follow, and where the first record starts.
 */
export function readLegacyPickles(bytes: Uint8Array, source: string): { value: unknown; roots: Map<string, { dtype: TorchDtype; numel: number }>; keys: string[]; end: number } {
  const fail: Fail = (at, what, expected, code = "E_PICKLE") => inputError(source, `byte ${at}`, what, expected, code);
  const globals = torchGlobals(fail);
  const plain = (start: number) => unpickle(bytes, { source, place: "", start, globals, persistentLoad: (_, at) => { throw fail(at, "a persistent id in the header", "plain values"); } });
  const magic = plain(0);
  if (magic.value !== MAGIC) throw fail(0, "not a PyTorch legacy file (wrong magic number)", "0x1950a86a20f9469cfc6c", "E_FORMAT");
  const protocol = plain(magic.end);
  if (protocol.value !== 1001) throw fail(magic.end, `legacy protocol version ${String(protocol.value)}`, "1001", "E_VERSION");
  const info = plain(protocol.end);
  if (info.value instanceof PyDict && info.value.map.get("little_endian") === false) {
    throw fail(protocol.end, "the file was written on a big-endian machine", "a file saved on a little-endian machine", "E_FORMAT");
  }
  // the root storages by key: a legacy view ((key, offset, size) metadata) reads part of its root
  const roots = new Map<string, { dtype: TorchDtype; numel: number }>();
  const main = unpickle(bytes, {
    source, place: "", start: info.end, globals,
    persistentLoad: (pid, at) => {
      const s = storageFromPid(pid, at, fail);
      if (!roots.has(s.key)) roots.set(s.key, { dtype: s.dtype, numel: (pid as PyTuple).items[4] as number });
      return s;
    },
  });
  const keyList = plain(main.end);
  if (!Array.isArray(keyList.value) || !keyList.value.every((k) => typeof k === "string")) {
    throw fail(main.end, "the storage key list is not a list of strings", "the pickled list of storage keys", "E_PICKLE");
  }
  return { value: main.value, roots, keys: keyList.value as string[], end: keyList.end };
}
