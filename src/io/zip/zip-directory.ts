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

/** Reads of a zip's little-endian fields by their offset in the file, from bytes that start at `base`. */
interface FileView {
  u16(at: number): number;
  u32(at: number): number;
}

function fileView(bytes: Uint8Array, base: number): FileView {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return { u16: (at) => view.getUint16(at - base, true), u32: (at) => view.getUint32(at - base, true) };
}

/**
 * Lists the entries of a zip archive from its central directory, zip64 records and extra
 * fields included (numpy writes zip64 local headers). Every offset and size is checked
 * against the archive length; nothing is decompressed. `bytes` is the archive, or its part
 * from byte `base` of a `size`-byte file to its end, holding at least the central directory
 * (zipDirectoryOffset says where it starts).
 */
export function readZipDirectory(bytes: Uint8Array, source: string, base = 0, size = bytes.length): ZipEntry[] {
  const view = fileView(bytes, base);
  const u64 = uint64(view, source, size);
  const { count, directorySize, directoryOffset } = locateDirectory(view, source, base, size, u64);
  if (directoryOffset < base) throw new RangeError(`the central directory starts at byte ${directoryOffset}, before the bytes given (from ${base})`);
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  const end = directoryOffset + directorySize;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.u32(at) !== CENTRAL) {
      throw inputError(source, `byte ${at}`, `central directory entry ${i + 1} of ${count} is missing`, "a central directory header", "E_ZIP");
    }
    const nameLength = view.u16(at + 28);
    const extraLength = view.u16(at + 30);
    const commentLength = view.u16(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > end) throw inputError(source, `byte ${at}`, "central directory entry runs past the directory", "a complete entry", "E_ZIP");
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(at - base + 46, at - base + 46 + nameLength)),
      flags: view.u16(at + 8),
      method: view.u16(at + 10),
      crc: view.u32(at + 16),
      compressedSize: view.u32(at + 20),
      size: view.u32(at + 24),
      localHeaderOffset: view.u32(at + 42),
    };
    readZip64Extra(at + 46 + nameLength, extraLength, entry, u64, view);
    entries.push(entry);
    at = next;
  }
  return entries;
}

/**
 * Where the central directory of a `size`-byte zip file starts, from `tail`: the file from
 * byte `base` on, at least its last 65,633 bytes (the end record, its comment, zip64 records).
 */
export function zipDirectoryOffset(tail: Uint8Array, source: string, base: number, size: number): number {
  const view = fileView(tail, base);
  return locateDirectory(view, source, base, size, uint64(view, source, size)).directoryOffset;
}

function uint64(view: FileView, source: string, size: number): (at: number, what: string) => number {
  return (at, what) => {
    const value = view.u32(at + 4) * 4294967296 + view.u32(at);
    if (!Number.isSafeInteger(value) || value > size * 1100 + 1e6) {
      throw inputError(source, `byte ${at}`, `${what} ${value} is impossible for a ${size}-byte file`, "a smaller value", "E_ZIP");
    }
    return value;
  };
}

/** The end record's (or zip64 record's) entry count, directory size and offset, checked against the file's size. */
function locateDirectory(view: FileView, source: string, base: number, size: number, u64: (at: number, what: string) => number): { count: number; directorySize: number; directoryOffset: number } {
  let eocd = -1;
  for (let at = size - 22; at >= base && at >= size - 22 - 65535; at--) {
    if (view.u32(at) === EOCD && at + 22 + view.u16(at + 20) <= size) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) {
    throw inputError(source, `byte ${size}`, "no end-of-central-directory record", "a complete .npz zip archive", "E_TRUNCATED");
  }
  let count = view.u16(eocd + 10);
  let directorySize = view.u32(eocd + 12);
  let directoryOffset = view.u32(eocd + 16);
  if (eocd >= 20 && eocd - 20 >= base && view.u32(eocd - 20) === ZIP64_LOCATOR) {
    const record = u64(eocd - 12, "zip64 record offset");
    if (record + 56 > eocd || record < base || view.u32(record) !== ZIP64_EOCD) {
      throw inputError(source, `byte ${eocd - 12}`, `no zip64 end record at byte ${record}`, "a valid zip64 locator", "E_ZIP");
    }
    count = u64(record + 32, "entry count");
    directorySize = u64(record + 40, "directory size");
    directoryOffset = u64(record + 48, "directory offset");
  }
  if (directoryOffset + directorySize > size) {
    throw inputError(source, `byte ${eocd}`, `central directory at bytes ${directoryOffset}..${directoryOffset + directorySize} runs past the end of the ${size}-byte file`,
      "a directory inside the file", "E_TRUNCATED");
  }
  return { count, directorySize, directoryOffset };
}

/** Replaces the 0xFFFFFFFF sizes and offset of `entry` with the values of its zip64 extra field. */
function readZip64Extra(start: number, length: number, entry: ZipEntry, u64: (at: number, what: string) => number, view: FileView): void {
  let at = start;
  while (at + 4 <= start + length) {
    const id = view.u16(at);
    const size = view.u16(at + 2);
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
