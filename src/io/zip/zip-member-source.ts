import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { InputError } from "../../errors.js";
import type { ByteSource } from "../byte-source.js";
import { inputError } from "../input-error.js";
import { crc32 } from "./crc32.js";
import { readZipDirectory, zipDirectoryOffset, type ZipEntry } from "./zip-directory.js";
import { crcError, entryDataStart } from "./zip-entry.js";

/** The end record, its longest comment and the zip64 records: the tail that locates the directory. */
const TAIL = 22 + 65535 + 20 + 56;
/** Compressed bytes fed to the inflater at a time. */
const CHUNK = 1 << 20;

/** The entries of a zip file read by offset: its tail, then its central directory; nothing else. */
export async function zipEntries(bytes: ByteSource, source: string): Promise<ZipEntry[]> {
  let base = Math.max(0, bytes.size - TAIL);
  let tail = await bytes.read(base, bytes.size - base);
  const start = zipDirectoryOffset(tail, source, base, bytes.size);
  if (start < base) {
    base = start;
    tail = await bytes.read(base, bytes.size - base);
  }
  return readZipDirectory(tail, source, base, bytes.size);
}

/**
 * One entry's uncompressed bytes as a ByteSource, read by offset, never whole: a stored entry is
 * a window on the file; a deflated one is inflated as reads move forward (a read behind the last
 * one starts the inflater again). The CRC-32 is checked, and an InputError thrown, when reads
 * have covered the entry from its first byte to its last in order (every whole pass does);
 * sizes and the local header are checked by readZipEntry's own entryDataStart. `chunk`:
 * compressed bytes read at a time (tests make it small); `checkCrc: false` skips the CRC of a
 * stored entry, as readZipEntry does for torch's storages.
 */
export async function zipMemberSource(bytes: ByteSource, entry: ZipEntry, source: string, options: { chunk?: number; checkCrc?: boolean } = {}): Promise<ByteSource> {
  const chunk = options.chunk ?? CHUNK;
  const start = entryDataStart(await bytes.read(entry.localHeaderOffset, 30), entry, bytes.size, source);
  const checksum = () => {
    // a running CRC over reads that continue each other from byte 0; checked at the entry's end
    let done = 0;
    let crc = 0;
    return (offset: number, data: Uint8Array) => {
      if (offset > done || offset + data.length <= done || done === entry.size) return;
      const fresh = data.subarray(done - offset);
      crc = crc32(fresh, crc);
      done += fresh.length;
      if (done === entry.size && crc !== entry.crc) throw crcError(entry, crc, source);
    };
  };
  if (entry.method === 0) {
    const check = options.checkCrc === false ? () => undefined : checksum();
    return {
      size: entry.size,
      async read(offset, length, into) {
        const data = await bytes.read(start + offset, Math.max(0, Math.min(length, entry.size - offset)), into);
        check(offset, data);
        return data;
      },
      close: async () => undefined,
    };
  }
  return inflatingSource(bytes, entry, source, start, checksum, chunk);
}

/**
 * A deflated entry's bytes, inflated forward from its start as reads ask for them by Node's
 * zlib (native: ~4x fflate's JS inflate on big members), the compressed bytes read `chunkBytes`
 * at a time; a read behind what is held starts the inflater again.
 */
function inflatingSource(bytes: ByteSource, entry: ZipEntry, source: string, start: number, checksum: () => (offset: number, data: Uint8Array) => void, chunkBytes: number): ByteSource {
  const place = `entry '${entry.name}'`;
  const corrupt = (cause: unknown) => inputError(source, place, `corrupt deflate data (${(cause as Error).message})`, "a valid deflate stream", "E_DEFLATE", cause);
  let chunks: AsyncIterator<Buffer> | undefined;
  let stop = () => {};
  let produced = 0; // uncompressed bytes out so far
  let held: Uint8Array[] = []; // uncompressed bytes [heldFrom, produced), in order
  let heldFrom = 0;
  let check = checksum();
  const restart = () => {
    stop();
    produced = 0;
    held = [];
    heldFrom = 0;
    check = checksum();
    const compressed = Readable.from(
      (async function* () {
        for (let fed = 0; fed < entry.compressedSize; ) {
          const chunk = await bytes.read(start + fed, Math.min(chunkBytes, entry.compressedSize - fed));
          if (chunk.length === 0) return;
          fed += chunk.length;
          yield chunk;
        }
      })(),
      { objectMode: false },
    );
    const inflater = createInflateRaw({ chunkSize: 1 << 20 });
    compressed.on("error", (err) => inflater.destroy(err));
    compressed.pipe(inflater);
    chunks = inflater[Symbol.asyncIterator]();
    stop = () => {
      compressed.destroy();
      inflater.destroy();
    };
  };
  return {
    size: entry.size,
    async read(offset, length) {
      const end = Math.min(entry.size, offset + Math.max(0, length));
      if (chunks === undefined || offset < heldFrom) restart();
      // drop what lies wholly before this read: it is not needed again unless a read goes back
      const drop = () => {
        while (held.length > 0 && heldFrom + held[0]!.length <= offset) heldFrom += held.shift()!.length;
      };
      while (produced < end) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks!.next();
        } catch (cause) {
          if (cause instanceof InputError) throw cause;
          throw corrupt(cause);
        }
        if (next.done) break;
        const chunk = new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.length);
        if (produced + chunk.length > entry.size) throw inputError(source, place, `inflates to more than ${entry.size} bytes`, `${entry.size} bytes as the directory says`, "E_DEFLATE");
        check(produced, chunk);
        produced += chunk.length;
        held.push(chunk);
        drop();
      }
      if (produced < end) throw inputError(source, place, `inflates to ${produced} bytes`, `${entry.size} bytes as the directory says`, "E_DEFLATE");
      drop();
      const out = new Uint8Array(end - offset);
      let at = heldFrom;
      for (const chunk of held) {
        if (at >= end) break;
        const from = Math.max(offset, at);
        const to = Math.min(end, at + chunk.length);
        if (to > from) out.set(chunk.subarray(from - at, to - at), from - offset);
        at += chunk.length;
      }
      return out;
    },
    close: async () => stop(),
  };
}
