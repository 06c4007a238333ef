import { inflateSync } from "fflate";
import { crc32 } from "./crc32.js";
import { inputError } from "../input-error.js";
import type { ZipEntry } from "./zip-directory.js";

const LOCAL = 0x04034b50;
/** Deflate cannot expand data by more than about 1032:1; a larger claim is a corrupt size. */
const MAX_DEFLATE_RATIO = 1100;

/**
 * The uncompressed bytes of one zip entry: stored entries are a view into `bytes`, deflated
 * ones are inflated into a buffer of the size the directory announces. Sizes are checked
 * before allocating and the CRC-32 is verified, so corrupt data is an InputError, not garbage
 * (`checkCrc: false` skips that for a stored entry, as for torch's storages).
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, source: string, checkCrc = true): Uint8Array {
  const place = `entry '${entry.name}'`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) {
    throw inputError(source, `${place}: byte ${at}`, "no local file header", "the signature PK\\x03\\x04", "E_ZIP");
  }
  if (entry.flags & 1) throw inputError(source, place, "entry is encrypted", "an unencrypted archive", "E_ZIP");
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) {
    throw inputError(source, `${place}: byte ${start}`, `${entry.compressedSize} compressed bytes run past the end of the ${bytes.length}-byte file`,
      "the whole entry inside the file", "E_TRUNCATED");
  }
  const raw = bytes.subarray(start, end);
  let data: Uint8Array;
  if (entry.method === 0) {
    if (entry.size !== entry.compressedSize) {
      throw inputError(source, place, `stored entry has size ${entry.size} but ${entry.compressedSize} stored bytes`, "equal sizes", "E_ZIP");
    }
    data = raw;
  } else if (entry.method === 8) {
    if (entry.size > entry.compressedSize * MAX_DEFLATE_RATIO + 1024) {
      throw inputError(source, place, `claims ${entry.size} bytes from ${entry.compressedSize} deflated bytes`, "a possible deflate ratio", "E_ZIP");
    }
    try {
      data = inflateSync(raw, { out: new Uint8Array(entry.size) });
    } catch (cause) {
      throw inputError(source, place, `corrupt deflate data (${(cause as Error).message})`, "a valid deflate stream", "E_DEFLATE", cause);
    }
    if (data.length !== entry.size) {
      throw inputError(source, place, `inflates to ${data.length} bytes`, `${entry.size} bytes as the directory says`, "E_DEFLATE");
    }
  } else {
    throw inputError(source, place, `compression method ${entry.method}`, "0 (stored) or 8 (deflate)", "E_ZIP");
  }
  if (!checkCrc && entry.method === 0) return data;
  const crc = crc32(data);
  if (crc !== entry.crc) {
    throw inputError(source, place, `CRC-32 is ${crc.toString(16).padStart(8, "0")} but the directory says ${entry.crc.toString(16).padStart(8, "0")}`, "matching checksums", "E_CRC");
  }
  return data;
}
