import { open } from "node:fs/promises";
import { readError } from "./read-bytes.js";

/**
 * Bytes read by offset: a file through one handle (positioned reads, any size), or bytes already
 * in memory (tests, small inputs). Readers that stream take one of these, never a path.
 */
export interface ByteSource {
  /** The size in bytes. */
  size: number;
  /**
   * `length` bytes from `offset` (short only at the end of the data), in a fresh buffer, or in
   * `into` when it is given and long enough: a caller done with a buffer hands it back, and a
   * pass over a big file neither maps nor faults in fresh memory for every block.
   */
  read(offset: number, length: number, into?: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A ByteSource over bytes in memory (each read a copy, as a file's would be). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length, into) => {
      const part = bytes.subarray(offset, Math.min(bytes.length, offset + length));
      // a copy in fresh memory: a Node Buffer's slice() would be a view, at any offset (a reader
      // viewing it as words needs its own aligned bytes)
      if (!into || into.length < part.length) return new Uint8Array(part);
      into.set(part);
      return into.subarray(0, part.length);
    },
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
    async read(offset, length, into) {
      const n = Math.max(0, Math.min(length, size - offset));
      // not zero-filled (every byte is read into it), never a pool's
      const out = into && into.length >= n ? Buffer.from(into.buffer, into.byteOffset, n) : Buffer.allocUnsafeSlow(n);
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
