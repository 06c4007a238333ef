import { inputError } from "../input-error.js";
import { readZipDirectory, type ZipEntry } from "../zip/zip-directory.js";
import { readZipEntry } from "../zip/zip-entry.js";

/** A torch zip archive: its pickle, and its storages by key (the entries `<prefix>/data/<key>`). */
export interface TorchZip {
  /** "mlp/data.pkl" */
  pickleName: string;
  pickle: Uint8Array;
  storage: (key: string) => Uint8Array | undefined;
  littleEndian: boolean;
}

/** The `<prefix>/data.pkl` entry of a zip directory, if it has one: what makes a zip a torch file. */
export function torchPickleEntry(entries: readonly ZipEntry[]): ZipEntry | undefined {
  return entries.find((e) => /^[^/]+\/data\.pkl$/.test(e.name));
}

/**
 * Opens the zip format of torch.save (the default since PyTorch 1.6): `<prefix>/data.pkl` and
 * the stored, 64-byte-aligned `<prefix>/data/<key>` entries, where the prefix is the saved
 * file's stem or "archive". A `<prefix>/byteorder` entry of "big" means big-endian data.
 * The pickle's CRC-32 is checked, the storages' are not: torch.load reads files saved without
 * them (`torch.serialization.set_crc32_options(False)`, PyTorch 2.5+), and checking costs as
 * much as reading the file.
 */
export function openTorchZip(bytes: Uint8Array, source: string): TorchZip {
  const entries = readZipDirectory(bytes, source);
  const layout = torchZipLayout(entries);
  if (layout === undefined) {
    throw inputError(source, "", `zip archive has no <prefix>/data.pkl among ${entries.length} entries`, "a PyTorch file written by torch.save", "E_FORMAT");
  }
  const { pickle, byName, byteOrder } = layout;
  const littleEndian = byteOrder === undefined || isLittleEndian(readZipEntry(bytes, byteOrder, source), byteOrder, source);
  return {
    pickleName: pickle.name,
    pickle: readZipEntry(bytes, pickle, source),
    storage: (key) => {
      const e = byName.get(`data/${key}`);
      return e === undefined ? undefined : readZipEntry(bytes, e, source, false);
    },
    littleEndian,
  };
}

/**
 * A torch zip's entries: its pickle, the entries under its prefix by their names after it
 * (`data/<key>` for storages), and its `byteorder` entry if any; undefined without a
 * `<prefix>/data.pkl` (not a torch file). Shared by openTorchZip and the block reader.
 */
export function torchZipLayout(entries: readonly ZipEntry[]): { pickle: ZipEntry; byName: Map<string, ZipEntry>; byteOrder?: ZipEntry } | undefined {
  const pickle = torchPickleEntry(entries);
  if (pickle === undefined) return undefined;
  const prefix = pickle.name.slice(0, -"data.pkl".length);
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) if (e.name.startsWith(prefix)) byName.set(e.name.slice(prefix.length), e);
  const byteOrder = byName.get("byteorder");
  return { pickle, byName, ...(byteOrder ? { byteOrder } : {}) };
}

/** A `<prefix>/byteorder` entry's bytes: "little" or "big", else an InputError naming it. */
export function isLittleEndian(text: Uint8Array, entry: ZipEntry, source: string): boolean {
  const order = new TextDecoder().decode(text).trim();
  if (order !== "little" && order !== "big") throw inputError(source, `entry '${entry.name}'`, `byte order '${order.slice(0, 20)}'`, "little or big", "E_FORMAT");
  return order === "little";
}
