import { readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import { inputError } from "./input-error.js";

const REASONS: Record<string, [string, string, string]> = {
  ENOENT: ["no such file", "an existing file", "E_NOENT"],
  EISDIR: ["is a directory", "a file", "E_ISDIR"],
  EACCES: ["permission denied", "a readable file", "E_ACCES"],
  EPERM: ["permission denied", "a readable file", "E_ACCES"],
  ENOTDIR: ["a parent of it is not a directory", "an existing file", "E_NOENT"],
  ERR_FS_FILE_TOO_LARGE: ["file is larger than 2 GiB", "a smaller file", "E_TOO_LARGE"],
};

/**
 * Reads a whole file into memory, or standard input when `path` is "-". Errors are
 * InputErrors naming the path (E_NOENT, E_ISDIR, E_ACCES, E_READ) with the system error as cause.
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
    const code = (cause as NodeJS.ErrnoException).code ?? "";
    const [what, expected, errorCode] = REASONS[code] ?? [(cause as Error).message, "a readable file", "E_READ"];
    throw inputError(path, "", what, expected, errorCode, cause);
  }
}
