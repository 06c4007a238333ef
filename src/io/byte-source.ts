import { open } from "node:fs/promises";
import { readError } from "./read-bytes.js";

/**
 * Bytes read by offset: a file through one handle (positioned reads, any size), or bytes already
 * in memory (tests, small inputs). Readers that stream take one of these, never a path.
 */
export interface ByteSource {
  /** The size in bytes. */
  size: number;
  /** `length` bytes from `offset`, in a fresh buffer (short only at the end of the data). */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A ByteSource over bytes in memory (each read a copy, as a file's would be). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.slice(offset, Math.min(bytes.length, offset + length)),
    close: async () => undefined,
  };
}

/** A ByteSource over the file at `path`, read by positioned reads; errors are InputErrors naming the path. */
export async function fileSource(path: string): Promise<ByteSource> {
  let handle: Awaited<ReturnType<typeof open>>;
  let size: number;
  try {
    handle = await open(path, "r");
    size = (await handle.stat()).size;
  } catch (cause) {
    throw readError(path, cause);
  }
  return {
    size,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const out = Buffer.allocUnsafeSlow(n); // not zero-filled (every byte is read into it), never a pool's
      let done = 0;
      try {
        while (done < n) {
          const { bytesRead } = await handle.read(out, done, n - done, offset + done);
          if (bytesRead === 0) break; // the file shrank meanwhile
          done += bytesRead;
        }
      } catch (cause) {
        throw readError(path, cause);
      }
      return new Uint8Array(out.buffer, out.byteOffset, done);
    },
    close: () => handle.close(),
  };
}
