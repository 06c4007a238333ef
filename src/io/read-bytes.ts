import { constants } from "node:buffer";
import { open, readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import { inputError } from "./input-error.js";

const REASONS: Record<string, [string, string, string]> = {
  ENOENT: ["no such file", "an existing file", "E_NOENT"],
  EISDIR: ["is a directory", "a file", "E_ISDIR"],
  EACCES: ["permission denied", "a readable file", "E_ACCES"],
  EPERM: ["permission denied", "a readable file", "E_ACCES"],
  ENOTDIR: ["a parent of it is not a directory", "an existing file", "E_NOENT"],
};

/**
 * Reads a whole file into memory, or standard input when `path` is "-"; a file over 2 GiB (which
 * readFile refuses) by offset through a file handle. Errors are InputErrors naming the path
 * (E_NOENT, E_ISDIR, E_ACCES, E_READ, E_TOO_LARGE) with the system error as cause.
 */
export async function readBytes(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<Buffer> {
  if (path === "-") {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string | Uint8Array));
    } catch (cause) {
      throw new InputError(`<stdin>: ${(cause as Error).message} (expected readable standard input)`, "E_READ", { cause });
    }
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ERR_FS_FILE_TOO_LARGE") return readByOffset(path);
    throw readError(path, cause);
  }
}

/**
 * Reads a file by positioned reads of `chunk` bytes through a file handle into one Buffer: the
 * path for files readFile refuses (over 2 GiB), up to Node's largest Buffer (4 GiB here).
 */
export async function readByOffset(path: string, chunk = 1 << 26): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, "r");
    const { size } = await handle.stat();
    if (size > constants.MAX_LENGTH) {
      throw inputError(path, "", `file has ${size} bytes, more than the ${constants.MAX_LENGTH} one buffer holds`, `a file of at most ${constants.MAX_LENGTH} bytes`, "E_TOO_LARGE");
    }
    const buffer = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(buffer, done, Math.min(chunk, size - done), done);
      if (bytesRead === 0) break; // the file shrank meanwhile
      done += bytesRead;
    }
    return done === size ? buffer : buffer.subarray(0, done);
  } catch (cause) {
    throw cause instanceof InputError ? cause : readError(path, cause);
  } finally {
    await handle?.close();
  }
}

/** The InputError for a failed read, by errno. */
export function readError(path: string, cause: unknown): InputError {
  const code = (cause as NodeJS.ErrnoException).code ?? "";
  const [what, expected, errorCode] = REASONS[code] ?? [(cause as Error).message, "a readable file", "E_READ"];
  return inputError(path, "", what, expected, errorCode, cause);
}
