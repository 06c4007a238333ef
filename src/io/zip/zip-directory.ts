import { inputError } from "../input-error.js";

/** One file of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;

/**
 * Lists the entries of a zip archive from its central directory, zip64 records and extra
 * fields included (numpy writes zip64 local headers). Every offset and size is checked
 * against the archive length; nothing is decompressed.
 */
export function readZipDirectory(bytes: Uint8Array, source: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const u64 = (at: number, what: string): number => {
    const value = view.getUint32(at + 4, true) * 4294967296 + view.getUint32(at, true);
    if (!Number.isSafeInteger(value) || value > bytes.length * 1100 + 1e6) {
      throw inputError(source, `byte ${at}`, `${what} ${value} is impossible for a ${bytes.length}-byte file`, "a smaller value", "E_ZIP");
    }
    return value;
  };
  let eocd = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 65535; at--) {
    if (view.getUint32(at, true) === EOCD && at + 22 + view.getUint16(at + 20, true) <= bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) {
    throw inputError(source, `byte ${bytes.length}`, "no end-of-central-directory record", "a complete .npz zip archive", "E_TRUNCATED");
  }
  let count = view.getUint16(eocd + 10, true);
  let directorySize = view.getUint32(eocd + 12, true);
  let directoryOffset = view.getUint32(eocd + 16, true);
  if (eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const record = u64(eocd - 12, "zip64 record offset");
    if (record + 56 > eocd || view.getUint32(record, true) !== ZIP64_EOCD) {
      throw inputError(source, `byte ${eocd - 12}`, `no zip64 end record at byte ${record}`, "a valid zip64 locator", "E_ZIP");
    }
    count = u64(record + 32, "entry count");
    directorySize = u64(record + 40, "directory size");
    directoryOffset = u64(record + 48, "directory offset");
  }
  if (directoryOffset + directorySize > bytes.length) {
    throw inputError(source, `byte ${eocd}`, `central directory at bytes ${directoryOffset}..${directoryOffset + directorySize} runs past the end of the ${bytes.length}-byte file`,
      "a directory inside the file", "E_TRUNCATED");
  }
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  const end = directoryOffset + directorySize;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) {
      throw inputError(source, `byte ${at}`, `central directory entry ${i + 1} of ${count} is missing`, "a central directory header", "E_ZIP");
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > end) throw inputError(source, `byte ${at}`, "central directory entry runs past the directory", "a complete entry", "E_ZIP");
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    readZip64Extra(at + 46 + nameLength, extraLength, entry, u64, view);
    entries.push(entry);
    at = next;
  }
  return entries;
}

/** Replaces the 0xFFFFFFFF sizes and offset of `entry` with the values of its zip64 extra field. */
function readZip64Extra(start: number, length: number, entry: ZipEntry, u64: (at: number, what: string) => number, view: DataView): void {
  let at = start;
  while (at + 4 <= start + length) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const take = (what: string): number => {
        if (field + 8 > at + 4 + size) return 0xffffffff;
        const value = u64(field, what);
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = take("uncompressed size");
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take("compressed size");
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take("local header offset");
    }
    at += 4 + size;
  }
}
