import { inflateSync } from "fflate";
import { crc32 } from "./crc32.js";
import { inputError } from "../input-error.js";
import type { InputError } from "../../errors.js";
import type { ZipEntry } from "./zip-directory.js";

const LOCAL = 0x04034b50;
/** Deflate cannot expand data by more than about 1032:1; a larger claim is a corrupt size. */
const MAX_DEFLATE_RATIO = 1100;

/**
 * Where entry's data starts in a zip file of `fileSize` bytes, from `header`: the 30 bytes of its
 * local file header (fewer at the file's end). Checks, in this order, the header's signature,
 * encryption, that the compressed bytes lie inside the file, and the sizes the method allows (a
 * stored entry's two sizes equal, a possible deflate ratio, method 0 or 8): InputErrors naming
 * the entry. Shared by readZipEntry (a whole file) and zipMemberSource (a file read by offset).
 */
export function entryDataStart(header: Uint8Array, entry: ZipEntry, fileSize: number, source: string): number {
  const place = `entry '${entry.name}'`;
  const at = entry.localHeaderOffset;
  const view = new DataView(header.buffer, header.byteOffset, header.length);
  if (header.length < 30 || at + 30 > fileSize || view.getUint32(0, true) !== LOCAL) {
    throw inputError(source, `${place}: byte ${at}`, "no local file header", "the signature PK\\x03\\x04", "E_ZIP");
  }
  if (entry.flags & 1) throw inputError(source, place, "entry is encrypted", "an unencrypted archive", "E_ZIP");
  const start = at + 30 + view.getUint16(26, true) + view.getUint16(28, true);
  if (start + entry.compressedSize > fileSize) {
    throw inputError(source, `${place}: byte ${start}`, `${entry.compressedSize} compressed bytes run past the end of the ${fileSize}-byte file`,
      "the whole entry inside the file", "E_TRUNCATED");
  }
  if (entry.method === 0) {
    if (entry.size !== entry.compressedSize) {
      throw inputError(source, place, `stored entry has size ${entry.size} but ${entry.compressedSize} stored bytes`, "equal sizes", "E_ZIP");
    }
  } else if (entry.method === 8) {
    if (entry.size > entry.compressedSize * MAX_DEFLATE_RATIO + 1024) {
      throw inputError(source, place, `claims ${entry.size} bytes from ${entry.compressedSize} deflated bytes`, "a possible deflate ratio", "E_ZIP");
    }
  } else {
    throw inputError(source, place, `compression method ${entry.method}`, "0 (stored) or 8 (deflate)", "E_ZIP");
  }
  return start;
}

/** The CRC-32 mismatch of an entry, in the words both readers use. */
export function crcError(entry: ZipEntry, crc: number, source: string): InputError {
  return inputError(source, `entry '${entry.name}'`, `CRC-32 is ${crc.toString(16).padStart(8, "0")} but the directory says ${entry.crc.toString(16).padStart(8, "0")}`, "matching checksums", "E_CRC");
}

/**
 * The uncompressed bytes of one zip entry: stored entries are a view into `bytes`, deflated
 * ones are inflated into a buffer of the size the directory announces. Sizes are checked
 * before allocating and the CRC-32 is verified, so corrupt data is an InputError, not garbage
 * (`checkCrc: false` skips that for a stored entry, as for torch's storages).
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, source: string, checkCrc = true): Uint8Array {
  const place = `entry '${entry.name}'`;
  const at = entry.localHeaderOffset;
  const start = entryDataStart(bytes.subarray(Math.min(at, bytes.length), Math.min(at + 30, bytes.length)), entry, bytes.length, source);
  const raw = bytes.subarray(start, start + entry.compressedSize);
  let data = raw;
  if (entry.method === 8) {
    try {
      data = inflateSync(raw, { out: new Uint8Array(entry.size) });
    } catch (cause) {
      throw inputError(source, place, `corrupt deflate data (${(cause as Error).message})`, "a valid deflate stream", "E_DEFLATE", cause);
    }
    if (data.length !== entry.size) {
      throw inputError(source, place, `inflates to ${data.length} bytes`, `${entry.size} bytes as the directory says`, "E_DEFLATE");
    }
  }
  if (!checkCrc && entry.method === 0) return data;
  const crc = crc32(data);
  if (crc !== entry.crc) throw crcError(entry, crc, source);
  return data;
}
