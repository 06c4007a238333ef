import { inputError } from "../input-error.js";
import { readNpy } from "../npy/read-npy.js";
import { selectKey } from "../select-key.js";
import type { Tensor } from "../tensor.js";
import { readZipDirectory, type ZipEntry } from "./zip-directory.js";
import { readZipEntry } from "./zip-entry.js";

/** The array names of an .npz archive (the entry names without ".npy"), in archive order. */
export function npzKeys(bytes: Uint8Array, source: string): string[] {
  return [...npzEntries(bytes, source).keys()];
}

/**
 * Reads one array of an .npz archive (np.savez or np.savez_compressed): `key` picks it, a
 * lone array is taken without one. Errors inside the array name it ("array 'acts'").
 */
export function readNpz(bytes: Uint8Array, source: string, key?: string): Tensor {
  const entries = npzEntries(bytes, source);
  const name = selectKey([...entries.keys()], key, source, "array");
  const entry = entries.get(name)!;
  return readNpy(readZipEntry(bytes, entry, source), `${source}: array '${name}'`);
}

/** The uncompressed .npy bytes of one array of an .npz archive (for its header). */
export function npzEntryBytes(bytes: Uint8Array, source: string, name: string): Uint8Array {
  const entry = npzEntries(bytes, source).get(name);
  if (entry === undefined) throw inputError(source, `array '${name}'`, "not found", `one of ${npzKeys(bytes, source).join(", ")}`, "E_KEY");
  return readZipEntry(bytes, entry, source);
}

function npzEntries(bytes: Uint8Array, source: string): Map<string, ZipEntry> {
  return npzArrays(readZipDirectory(bytes, source), source);
}

/** An .npz archive's entries by array name (the entry name without ".npy"); folders left out, a name twice refused. */
export function npzArrays(zipEntries: readonly ZipEntry[], source: string): Map<string, ZipEntry> {
  const entries = new Map<string, ZipEntry>();
  for (const entry of zipEntries) {
    if (entry.name.endsWith("/")) continue;
    const name = entry.name.endsWith(".npy") ? entry.name.slice(0, -4) : entry.name;
    if (entries.has(name)) throw inputError(source, `array '${name}'`, "appears twice", "unique names", "E_ZIP");
    entries.set(name, entry);
  }
  return entries;
}
