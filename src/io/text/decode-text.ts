import { inputError } from "../input-error.js";

/**
 * The longest text the readers of text formats take, in bytes: V8's longest string on 64-bit
 * Node (2^29 - 24 UTF-16 code units; a longer decode throws as if the bytes were not UTF-8).
 */
export const TEXT_MAX_BYTES = 2 ** 29 - 24;

/**
 * A text file's bytes as a string: UTF-8, decoded strictly. InputError E_TOO_LARGE past `limit`
 * bytes (text formats are read whole: the message names the binary formats read in blocks), or
 * E_PARSE with `expected` when the bytes are not UTF-8. A byte-order mark is dropped.
 */
export function decodeText(bytes: Uint8Array, source: string, expected: string, limit = TEXT_MAX_BYTES): string {
  if (bytes.length > limit) {
    const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
    throw inputError(source, "", `${bytes.length} bytes (${mib(bytes.length)}) of text, past the ${mib(limit)} a text file is read in`, "a .npy or .safetensors file for data this size: they are read in blocks", "E_TOO_LARGE");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw inputError(source, "byte 0", "not valid UTF-8 text", expected, "E_PARSE", cause);
  }
}
