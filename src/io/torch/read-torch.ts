import { inputError } from "../input-error.js";
import { selectKey } from "../select-key.js";
import type { Tensor } from "../tensor.js";
import { flattenTensors } from "./flatten-tensors.js";
import { rebuildTensor } from "./rebuild-tensor.js";
import { storageFromPid, torchGlobals, type Fail } from "./torch-globals.js";
import { isTorchLegacy, openTorchLegacy } from "./torch-legacy.js";
import { openTorchZip } from "./torch-zip.js";
import { unpickle } from "./unpickle.js";

/** One tensor of a PyTorch file: its dotted name, shape and torch dtype ("float32", "bfloat16"). */
export interface TorchEntry {
  name: string;
  shape: number[];
  dtype: string;
}

/** A PyTorch file, its pickle read once: the tensors' names and shapes, and each tensor's values on demand. */
export interface TorchFile {
  entries: TorchEntry[];
  read: (name: string) => Tensor;
}

/**
 * Opens a file of torch.save, zip or legacy, without running its pickle (see unpickle.ts and
 * torch-globals.ts for what is accepted). Nested containers flatten to dotted names.
 */
export function openTorch(bytes: Uint8Array, source: string): TorchFile {
  let value: unknown;
  let storage: (key: string) => Uint8Array | undefined;
  let littleEndian = true;
  if (isTorchLegacy(bytes)) {
    ({ value, storage } = openTorchLegacy(bytes, source));
  } else if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const zip = openTorchZip(bytes, source);
    value = unpickleTorchZip(zip.pickle, zip.pickleName, source);
    storage = zip.storage;
    littleEndian = zip.littleEndian;
  } else {
    throw inputError(source, "byte 0", "not a PyTorch file", "a torch.save file: a zip archive with <prefix>/data.pkl, or the legacy format's magic number", "E_FORMAT");
  }
  const tensors = flattenTensors(value, source);
  const entries = [...tensors].map(([name, t]) => ({ name, shape: [...t.shape], dtype: t.storage.dtype.name }));
  return {
    entries,
    read: (name) => {
      const t = tensors.get(name);
      if (t === undefined) throw inputError(source, `tensor '${name}'`, "not found", `one of ${entries.map((e) => `'${e.name}'`).join(", ")}`, "E_KEY");
      return rebuildTensor(t, storage(t.storage.key), littleEndian, source, name === "" ? "tensor" : `tensor '${name}'`);
    },
  };
}

/** The value a torch zip's `<prefix>/data.pkl` pickles, read by our opcode subset: nothing in it is called. */
export function unpickleTorchZip(pickle: Uint8Array, pickleName: string, source: string): unknown {
  const place = `${pickleName}: `;
  const fail: Fail = (at, what, expected, code = "E_PICKLE") => inputError(source, `${place}byte ${at}`, what, expected, code);
  return unpickle(pickle, { source, place, start: 0, globals: torchGlobals(fail), persistentLoad: (pid, at) => storageFromPid(pid, at, fail) }).value;
}

/** The tensors of a PyTorch file by dotted name, in the pickle's order. */
export function torchEntries(bytes: Uint8Array, source: string): TorchEntry[] {
  return openTorch(bytes, source).entries;
}

/**
 * Reads one tensor of a PyTorch file: `key` picks it by dotted name (`model_state_dict.fc1.weight`);
 * a file of one tensor, or a dict holding one, needs none.
 */
export function readTorch(bytes: Uint8Array, source: string, key?: string): Tensor {
  const file = openTorch(bytes, source);
  const names = file.entries.map((e) => e.name);
  if (key !== undefined && names.length === 1 && names[0] === "") {
    throw inputError(source, `tensor '${key}'`, "not found: the file holds one tensor, not a dict", "no --key", "E_KEY");
  }
  return file.read(selectKey(names, key, source, "tensor"));
}
